package io.fashionspark.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;

/**
 * Creates (or joins) the application's Spark session on the driver.
 *
 * <p>Under spark-submit the master and settings come from spark-submit. Embedded (no
 * {@code spark.master} set), it runs {@code local[*]} or the given master, binds the driver to
 * 127.0.0.1 and enables the web UI only when {@code uiOnLoopback} is true: Spark binds its UI to
 * {@code $SPARK_LOCAL_IP} or else to every interface, and nothing here may listen beyond loopback.
 * On a cluster master it returns once the executors have registered ({@link ExecutorWait}), so that
 * Spark's default parallelism counts them. Broadcasts are not compressed unless
 * {@code spark.broadcast.compress} says so: the project's are the IDX bytes, cut into pieces on
 * the driver at start-up even in local mode, and float parameters (an evaluation's classifier),
 * which LZ4 hardly shrinks.
 */
public final class SparkSessionFactory {
    /** Master used when neither spark-submit nor the caller names one. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessionFactory() {
    }

    /**
     * @param master       master URL to use, or null to keep spark-submit's / use {@link #DEFAULT_MASTER}
     * @param appName      application name shown in the UI
     * @param uiOnLoopback true when SPARK_LOCAL_IP is a loopback address, so the UI may be started
     */
    public static SparkSession create(String master, String appName, boolean uiOnLoopback) {
        return create(master, appName, uiOnLoopback, java.util.Map.of());
    }

    /**
     * Gives the driver the authentication secret its standalone worker handed it. In cluster deploy
     * mode a standalone worker starts the driver with the secret in an environment variable, not in
     * its configuration, and Spark 3.5 then refuses to start the driver's SparkContext (SPARK-25078);
     * the secret is copied into the configuration, in this JVM only.
     */
    static void driverSecret(SparkConf conf, String fromWorker) {
        if (conf.getBoolean("spark.authenticate", false) && !conf.contains(SecurityManager.SPARK_AUTH_SECRET_CONF())
                && fromWorker != null && !fromWorker.isEmpty()) {
            conf.set(SecurityManager.SPARK_AUTH_SECRET_CONF(), fromWorker);
        }
    }

    /**
     * The Hadoop configuration this application's Spark session has, made before the session starts:
     * Hadoop's defaults and {@code *-site.xml} files on the class path, with the {@code spark.hadoop.*}
     * settings of spark-submit or the JVM's system properties. Paths are resolved with it on the driver
     * before any Spark job, so a run reads and writes the same file systems its jobs do.
     */
    public static Configuration hadoopConfiguration() {
        return SparkHadoopUtil.get().newConfiguration(new SparkConf());
    }

    /**
     * The master a session made by {@link #create} with {@code master} would run on, read without
     * starting one: {@code master}, else spark-submit's {@code spark.master}, else {@link #DEFAULT_MASTER}.
     */
    public static String masterFor(String master) {
        return masterFor(new SparkConf(), master);
    }

    private static String masterFor(SparkConf conf, String master) {
        return master != null ? master : conf.get("spark.master", DEFAULT_MASTER);
    }

    /** As {@link #create(String, String, boolean)}, with extra Spark settings that win over defaults. */
    public static SparkSession create(String master, String appName, boolean uiOnLoopback,
                                      java.util.Map<String, String> settings) {
        SparkConf conf = new SparkConf().setAppName(appName);
        settings.forEach(conf::set);
        conf.setMaster(masterFor(conf, master));
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            if (!uiOnLoopback) {
                conf.set("spark.ui.enabled", "false");
            }
            conf.setIfMissing("spark.sql.shuffle.partitions", "4");
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        driverSecret(conf, System.getenv(SecurityManager.ENV_AUTH_SECRET()));
        // Kryo with raw INDArray bytes: an evaluation's classifier, and a round's arrays whenever a block
        // manager refuses the block they otherwise travel in.
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", NdArrayKryoRegistrator.NAME);
        conf.setIfMissing("spark.kryoserializer.buffer.max", "128m");
        // Broadcasts are the IDX bytes (cut into pieces on the driver at start-up, in local mode too)
        // and float parameters, which LZ4 hardly shrinks: when every round still broadcast 6.9 MB of
        // them, compressing cost the driver about 3 ms of each round's 15-20 (bench, 2026-12-06).
        conf.setIfMissing("spark.broadcast.compress", "false");
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        requireRegistered(session.sparkContext());
        ExecutorWait.await(session.sparkContext());
        return session;
    }

    /**
     * Fails when a standalone master did not take the application: Spark then gives up after its
     * registration attempts (a minute) and goes on with a dead context, so the run would only hang.
     * This happens when the master refuses the connection, e.g. an application without the secret of
     * a cluster that runs with {@code spark.authenticate}.
     *
     * @throws IllegalStateException naming the master (a failure, exit code 1)
     */
    static void requireRegistered(SparkContext sc) {
        String master = sc.master();
        if (master.startsWith("spark://") && !sc.applicationId().startsWith("app-")) {
            sc.stop();
            throw new IllegalStateException("the standalone master " + master + " did not register this application:"
                    + " it refused the connection or did not answer (a cluster with spark.authenticate takes only"
                    + " applications that have its secret, spark.authenticate.secret)");
        }
    }
}
