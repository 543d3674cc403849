package io.fashionspark.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A real HDFS (NameNode + DataNode) and, optionally, a real YARN (ResourceManager + NodeManager)
 * from Hadoop's own {@code hadoop-client-minicluster}, every socket on 127.0.0.1, with a Hadoop
 * client configuration folder ({@code core-site.xml}, {@code hdfs-site.xml}, {@code yarn-site.xml})
 * for {@code HADOOP_CONF_DIR}. Used in-process by the integration tests, and as a program by
 * {@code submit/hadoop.sh}, which runs it until it is stopped.
 */
public final class MiniHadoop implements AutoCloseable {
    private final MiniDFSCluster hdfs;
    private final MiniYARNCluster yarn;
    private final Path confDir;

    private MiniHadoop(MiniDFSCluster hdfs, MiniYARNCluster yarn, Path confDir) {
        this.hdfs = hdfs;
        this.yarn = yarn;
        this.confDir = confDir;
    }

    /**
     * Starts HDFS, and YARN when {@code withYarn}, keeping their data under {@code work} and writing
     * the client configuration to {@code work/conf}.
     *
     * @param nodeMemoryMb memory the NodeManager offers to containers
     */
    public static MiniHadoop start(Path work, boolean withYarn, int nodeMemoryMb) throws IOException {
        Files.createDirectories(work);
        Configuration conf = new YarnConfiguration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("hdfs").toString());
        conf.setBoolean("dfs.permissions.enabled", false);
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.namenode.servicerpc-bind-host", "127.0.0.1");
        conf.set("dfs.namenode.http-bind-host", "127.0.0.1");
        conf.setLong("dfs.namenode.lease-recheck-interval-ms", 1000);
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        String defaultFs = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
        conf.set("fs.defaultFS", defaultFs);
        MiniYARNCluster yarn = null;
        if (withYarn) {
            conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
            conf.set(YarnConfiguration.RM_BIND_HOST, "127.0.0.1");
            conf.set(YarnConfiguration.NM_BIND_HOST, "127.0.0.1");
            conf.set(YarnConfiguration.NM_ADDRESS, "127.0.0.1:0");
            conf.set(YarnConfiguration.NM_WEBAPP_ADDRESS, "127.0.0.1:0");
            conf.setInt(YarnConfiguration.NM_PMEM_MB, nodeMemoryMb);
            // The mini cluster sets its NodeManager's memory from this key (4096 MB by default).
            conf.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, nodeMemoryMb);
            conf.setInt(YarnConfiguration.NM_VCORES, 8);
            conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, nodeMemoryMb);
            conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
            conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
            conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
            conf.setBoolean(YarnConfiguration.YARN_MINICLUSTER_FIXED_PORTS, false);
            // The FIFO scheduler needs no queue configuration (the capacity scheduler's is not bundled).
            conf.set(YarnConfiguration.RM_SCHEDULER,
                    "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
            // A killed application's logs stay on the node for the test to read.
            conf.setLong(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 600);
            yarn = new MiniYARNCluster("fashion-spark", 1, 1, 1);
            yarn.init(conf);
            yarn.start();
            conf = yarn.getConfig();
            conf.set("fs.defaultFS", defaultFs);
        }
        Path confDir = Files.createDirectories(work.resolve("conf"));
        Configuration client = new Configuration(false);
        client.set("fs.defaultFS", defaultFs);
        write(client, confDir.resolve("core-site.xml"));
        write(new Configuration(false), confDir.resolve("hdfs-site.xml"));
        if (yarn != null) {
            Configuration site = new Configuration(false);
            for (String key : new String[] {YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
                YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, YarnConfiguration.RM_ADMIN_ADDRESS,
                YarnConfiguration.RM_WEBAPP_ADDRESS, YarnConfiguration.RM_HOSTNAME}) {
                site.set(key, conf.get(key));
            }
            write(site, confDir.resolve("yarn-site.xml"));
        }
        return new MiniHadoop(hdfs, yarn, confDir);
    }

    /** {@code hdfs://127.0.0.1:<port>}: the file system's root, no trailing slash. */
    public String hdfsUri() {
        return "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    }

    /** The client configuration folder, for {@code HADOOP_CONF_DIR}. */
    public Path confDir() {
        return confDir;
    }

    /** The ResourceManager's web UI, or null without YARN. */
    public String yarnWebUi() {
        return yarn == null ? null : "http://" + yarn.getConfig().get(YarnConfiguration.RM_WEBAPP_ADDRESS);
    }

    @Override
    public void close() {
        if (yarn != null) {
            yarn.stop();
        }
        hdfs.shutdown(true);
    }

    /**
     * Waits (bounded) until the run folder {@code runUri} is finished: it holds provenance.json and
     * its driver released run.lock.
     */
    public static void awaitFinishedRun(FileSystem fs, String runUri, java.time.Duration timeout)
            throws IOException, InterruptedException {
        org.apache.hadoop.fs.Path provenance = new org.apache.hadoop.fs.Path(runUri + "/provenance.json");
        org.apache.hadoop.fs.Path lock = new org.apache.hadoop.fs.Path(runUri + "/run.lock");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(fs.exists(provenance) && !fs.exists(lock)) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
    }

    private static void write(Configuration conf, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            conf.writeXml(out);
        }
    }

    /**
     * Runs until killed: {@code MiniHadoop WORK_DIR [--yarn] [--node-memory-mb N]}. Prints the HDFS URI,
     * the configuration folder and, with YARN, its web UI, then writes {@code WORK_DIR/ready}.
     */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        boolean withYarn = false;
        int memory = 12_288;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--yarn")) {
                withYarn = true;
            } else if (args[i].equals("--node-memory-mb")) {
                memory = Integer.parseInt(args[++i]);
            }
        }
        MiniHadoop hadoop;
        try {
            hadoop = start(work, withYarn, memory);
        } catch (Exception | Error e) {
            e.printStackTrace();
            // Hadoop's threads would keep the JVM alive after a failed start.
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(hadoop::close));
        System.out.println("hdfs     " + hadoop.hdfsUri());
        System.out.println("conf     " + hadoop.confDir() + "   (export HADOOP_CONF_DIR=" + hadoop.confDir() + ")");
        if (withYarn) {
            System.out.println("yarn     " + hadoop.yarnWebUi());
        }
        Files.writeString(work.resolve("ready"), hadoop.hdfsUri() + "\n");
        new CountDownLatch(1).await();
    }
}
