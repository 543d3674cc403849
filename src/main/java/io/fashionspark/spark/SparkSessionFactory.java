package io.fashionspark.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates (or joins) the application's Spark session on the driver.
 *
 * <p>Under spark-submit the master and settings come from spark-submit. Embedded (no
 * {@code spark.master} set), it runs {@code local[*]} or the given master, binds the driver to
 * 127.0.0.1 and enables the web UI only when {@code uiOnLoopback} is true: Spark binds its UI to
 * {@code $SPARK_LOCAL_IP} or else to every interface, and nothing here may listen beyond loopback.
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

    /** As {@link #create(String, String, boolean)}, with extra Spark settings that win over defaults. */
    public static SparkSession create(String master, String appName, boolean uiOnLoopback,
                                      java.util.Map<String, String> settings) {
        SparkConf conf = new SparkConf().setAppName(appName);
        settings.forEach(conf::set);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            if (!uiOnLoopback) {
                conf.set("spark.ui.enabled", "false");
            }
            conf.setIfMissing("spark.sql.shuffle.partitions", "4");
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Kryo with raw INDArray bytes: parameters and Adam state cross the serializer every averaging round.
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", NdArrayKryoRegistrator.NAME);
        conf.setIfMissing("spark.kryoserializer.buffer.max", "128m");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
