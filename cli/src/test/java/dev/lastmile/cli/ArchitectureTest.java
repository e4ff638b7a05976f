package dev.lastmile.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering the architecture promises (ARCHITECTURE.md): the domain (core, dbt, checks) knows nothing of AWS,
 * GitHub, git, or the command line; check families do not depend on one another. Run here because the CLI's class
 * path carries every domain module.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lastmile");

    @Test
    void theDomainKnowsNoAdapter() {
        noClasses().that().resideInAnyPackage("dev.lastmile.core..", "dev.lastmile.dbt..", "dev.lastmile.check..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..", "com.amazonaws..", "org.eclipse.jgit..", "picocli..",
                        "dev.lastmile.cli..", "dev.lastmile.git..", "dev.lastmile.aws..", "dev.lastmile.github..",
                        "dev.lastmile.functions..")
                .because("checks run unchanged in the CLI and in every Lambda function")
                .check(CLASSES);
    }

    @Test
    void coreDependsOnNoCheck() {
        noClasses().that().resideInAPackage("dev.lastmile.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lastmile.check..", "dev.lastmile.dbt..")
                .check(CLASSES);
    }

    @Test
    void checkFamiliesAreIndependent() {
        for (dev.lastmile.core.scan.CheckFamily family : dev.lastmile.core.scan.CheckFamily.values()) {
            noClasses().that().resideInAPackage("dev.lastmile.check." + family.id() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            java.util.Arrays.stream(dev.lastmile.core.scan.CheckFamily.values())
                                    .filter(f -> f != family).map(f -> "dev.lastmile.check." + f.id() + "..")
                                    .toArray(String[]::new))
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }

    @Test
    void onlyTheDbtModuleRendersJinja() {
        noClasses().that().resideOutsideOfPackage("dev.lastmile.dbt..")
                .should().dependOnClassesThat().resideInAPackage("com.hubspot.jinjava..")
                .because("checks/dbt owns dbt: one renderer and one macro library per project, shared by every check")
                .check(CLASSES);
    }

    /** The renderer's private placeholder prefixes: only checks/dbt writes or reads them (others ask Placeholders). */
    private static final java.util.List<String> PLACEHOLDER_PREFIXES = java.util.List.of("__lm_", "__ref__", "__src__", "__this__");

    @Test
    void noPlaceholderPrefixOutsideTheDbtModule() {
        noClasses().that().resideOutsideOfPackage("dev.lastmile.dbt..")
                .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass>(
                        "hold a string constant with a placeholder prefix of the dbt renderer") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaClass c,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        c.getSource().ifPresent(src -> {
                            try (var in = src.getUri().toURL().openStream()) {
                                // string constants sit verbatim (modified UTF-8) in the class file's constant pool
                                String bytes = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                                for (String prefix : PLACEHOLDER_PREFIXES) {
                                    if (bytes.contains(prefix)) {
                                        events.add(com.tngtech.archunit.lang.SimpleConditionEvent.satisfied(c,
                                                c.getName() + " holds \"" + prefix + "\""));
                                    }
                                }
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
                    }
                })
                .because("placeholders are checks/dbt's private encoding: other modules use dev.lastmile.dbt.model.Placeholders")
                .check(CLASSES);
    }
}
