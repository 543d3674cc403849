package io.fashionspark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules: each package's {@code package-info.java} says which of the project's
 * packages it uses ("Uses: ..."), and its classes use no other; the packages form no cycle.
 */
class ArchitectureTest {
    private static final String BASE = "io.fashionspark";
    private static final Path SOURCES = Path.of("src/main/java/io/fashionspark");
    private static final Pattern USES = Pattern.compile("<p>Uses: ([^\\n]*)\\.");
    private static final Pattern NAME = Pattern.compile("\\{@code (\\w+)}");
    private static JavaClasses classes;
    private static Map<String, Set<String>> rules;

    @BeforeAll
    static void importClasses() throws IOException {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
        rules = statedRules();
    }

    @Test
    void everyPackageStatesWhatItUses() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertEquals(packages, rules.keySet());
        rules.forEach((p, uses) -> assertTrue(packages.containsAll(uses), p + " names an unknown package: " + uses));
    }

    @Test
    void packagesUseOnlyWhatTheirPackageInfoStates() {
        rules.forEach((p, uses) -> {
            Set<String> others = new TreeSet<>(rules.keySet());
            others.remove(p);
            others.removeAll(uses);
            if (!others.isEmpty()) {
                noClasses().that().resideInAPackage(BASE + "." + p + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                others.stream().map(o -> BASE + "." + o + "..").toArray(String[]::new))
                        .because("package-info of " + p + " says it uses only " + uses)
                        .check(classes);
            }
        });
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheCommandLineExitsOrPrints() {
        noClasses().that().resideOutsideOfPackages(BASE + ".cli..", BASE + ".bench..")
                .should().callMethod(System.class, "exit", int.class)
                .check(classes);
        noClasses().that().resideOutsideOfPackages(BASE + ".cli..", BASE + ".bench..")
                .should().accessField(System.class, "out")
                .check(classes);
    }

    @Test
    void rulesAreOneWay() {
        rules.forEach((p, uses) -> uses.forEach(u ->
                assertFalse(rules.get(u).contains(p), p + " and " + u + " may each use the other")));
    }

    /** Package name to the project packages its package-info says it uses. */
    private static Map<String, Set<String>> statedRules() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> infos = Files.walk(SOURCES, 2)) {
            for (Path info : (Iterable<Path>) infos.filter(f -> f.getFileName().toString().equals("package-info.java"))::iterator) {
                String text = Files.readString(info);
                Matcher m = USES.matcher(text);
                assertTrue(m.find(), info + ": expected a line \"<p>Uses: ...\" naming the packages it uses");
                Set<String> uses = new TreeSet<>();
                Matcher n = NAME.matcher(m.group(1));
                while (n.find()) {
                    uses.add(n.group(1));
                }
                out.put(info.getParent().getFileName().toString(), uses);
            }
        }
        return out;
    }
}
