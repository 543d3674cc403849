package io.fashionspark.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS for the tests: one NameNode and one DataNode (Hadoop's {@code MiniDFSCluster}), every
 * socket on 127.0.0.1, data in a temporary folder. Started on first use, shared by the tests of
 * one JVM, and shut down (its folder deleted) at JVM exit.
 */
public final class MiniHdfs {
    private static MiniDFSCluster cluster;
    private static Path base;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(MiniHdfs::stop));
    }

    private MiniHdfs() {
    }

    /** {@code hdfs://127.0.0.1:<port>}, the file system's root URI (no trailing slash). */
    public static synchronized String uri() throws IOException {
        if (cluster == null) {
            base = Files.createTempDirectory("minihdfs-");
            Configuration conf = new Configuration();
            conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
            conf.setBoolean("dfs.permissions.enabled", false);
            conf.set("dfs.namenode.http-address", "127.0.0.1:0");
            conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
            conf.set("dfs.namenode.servicerpc-bind-host", "127.0.0.1");
            conf.set("dfs.namenode.http-bind-host", "127.0.0.1");
            // A killed writer's lease ends quickly, as a test that kills a driver expects.
            conf.setLong("dfs.namenode.lease-recheck-interval-ms", 1000);
            cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
            cluster.waitActive();
        }
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    /** A client of the file system. */
    public static FileSystem fileSystem() throws IOException {
        uri();
        return cluster.getFileSystem();
    }

    /** Shuts the cluster down and deletes its folder; a later {@link #uri()} starts a new one. */
    public static synchronized void stop() {
        if (cluster != null) {
            cluster.shutdown(true);
            cluster = null;
        }
    }
}
