package io.fashionspark.testing;

import io.fashionspark.spark.SparkSessionFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session tests share: {@code local[2]}, UI off, 4 shuffle partitions, Kryo with
 * ND4J's registrator, bound to 127.0.0.1. Created on first use and stopped (active and default sessions cleared) at JVM exit.
 */
public final class SparkTestSession {
    private static SparkSession session;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SparkTestSession::stop));
    }

    private SparkTestSession() {
    }

    /** The shared session, started on first call. */
    public static synchronized SparkSession get() {
        if (session == null || session.sparkContext().isStopped()) {
            // A command under test may have stopped the session it joined.
            // Kryo with ND4J's registrator, as conf/spark-defaults.conf sets it on a cluster.
            session = SparkSessionFactory.create("local[2]", "fashion-spark tests", false, java.util.Map.of(
                    "spark.serializer", "org.apache.spark.serializer.KryoSerializer",
                    "spark.kryo.registrator", io.fashionspark.spark.NdArrayKryoRegistrator.NAME,
                    "spark.kryoserializer.buffer.max", "256m"));
        }
        return session;
    }

    /** Stops the shared session; a later {@link #get()} starts a new one. */
    public static synchronized void stop() {
        if (session != null) {
            session.stop();
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            session = null;
        }
    }
}
