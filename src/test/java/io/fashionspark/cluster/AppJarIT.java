package io.fashionspark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application jar ({@code fashion-spark-app.jar}) adds to a Spark installation without
 * replacing any part of it: it carries the application, DL4J and ND4J with their natives, and
 * no class that Spark's own jars (the Spark home {@code submit/cluster.sh} builds) also have.
 *
 * <p>Run by Failsafe in {@code mvn verify}, after {@code package} wrote the jar.
 */
class AppJarIT {
    private static final Duration SPARK_HOME_TIMEOUT = Duration.ofMinutes(4);

    private static Path appJar;
    private static Path sparkJars;

    @BeforeAll
    static void locateJars() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        Path buildDir = Path.of(System.getProperty("build.dir", root.resolve("target").toString()));
        appJar = buildDir.resolve("fashion-spark-app.jar");
        Map<String, String> env = new HashMap<>();
        env.put("BUILD_DIR", buildDir.toString());
        env.put("SPARK_HOME", null);
        ScriptRun run = ScriptRun.run(List.of(root.resolve("submit/cluster.sh").toString(), "spark-home"), root, env,
                Files.createTempFile(buildDir, "spark-home-", ".stderr"), SPARK_HOME_TIMEOUT, null);
        assertEquals(0, run.exitCode(), run::describe);
        sparkJars = Path.of(run.stdout().get(run.stdout().size() - 1)).resolve("jars");
    }

    @Test
    void sharesNoClassWithSparksJars() throws IOException {
        Map<String, String> sparkClasses = new HashMap<>();
        try (Stream<Path> jars = Files.list(sparkJars)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                for (String name : classEntries(jar)) {
                    sparkClasses.putIfAbsent(name, jar.getFileName().toString());
                }
            }
        }
        assertTrue(sparkClasses.size() > 50_000, "Spark's jars look incomplete: " + sparkClasses.size() + " classes");

        Map<String, String> clashes = new TreeMap<>();
        for (String name : classEntries(appJar)) {
            if (sparkClasses.containsKey(name)) {
                clashes.put(name, sparkClasses.get(name));
            }
        }
        assertEquals(Map.of(), clashes, () -> clashes.size() + " classes of " + appJar.getFileName()
                + " are also in " + sparkJars + " (class=Spark jar); exclude them from the shaded jar");
    }

    @Test
    void carriesTheApplicationDl4jAndNd4jWithLinuxNatives() throws IOException {
        try (JarFile jar = new JarFile(appJar.toFile())) {
            assertEquals("io.fashionspark.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            for (String entry : List.of("io/fashionspark/cli/Main.class",
                    "org/deeplearning4j/spark/impl/multilayer/SparkDl4jMultiLayer.class",
                    "org/nd4j/kryo/Nd4jRegistrator.class",
                    "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class",
                    "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libnd4jcpu.so",
                    "org/bytedeco/openblas/linux-x86_64/libopenblas.so.0",
                    "org/bytedeco/javacpp/linux-x86_64/libjnijavacpp.so",
                    "picocli/CommandLine.class")) {
                assertTrue(jar.getEntry(entry) != null, "missing " + entry);
            }
            ZipEntry backends = jar.getEntry("META-INF/services/org.nd4j.linalg.factory.Nd4jBackend");
            String services = new String(jar.getInputStream(backends).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(services.contains("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), services);
        }
    }

    @Test
    void leavesOutSparkScalaHadoopSignaturesAndModuleInfo() throws IOException {
        List<String> unwanted = new ArrayList<>();
        try (JarFile jar = new JarFile(appJar.toFile())) {
            jar.stream().map(ZipEntry::getName).filter(AppJarIT::unwanted).limit(20).forEach(unwanted::add);
        }
        assertEquals(List.of(), unwanted);
    }

    private static boolean unwanted(String name) {
        // dl4j-spark's own TaskContextHelper lives in Spark's package to reach a private API.
        boolean spark = name.startsWith("org/apache/spark/") && !name.endsWith("/")
                && !name.startsWith("org/apache/spark/TaskContextHelper");
        return spark || name.startsWith("scala/") || name.startsWith("org/apache/hadoop/")
                || name.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)") || name.endsWith("module-info.class")
                || name.startsWith("com/esotericsoftware/kryo/");
    }

    private static Set<String> classEntries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
                    .collect(Collectors.toSet());
        }
    }
}
