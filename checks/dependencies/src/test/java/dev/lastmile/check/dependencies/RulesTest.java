package dev.lastmile.check.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.extract.Extractors;
import dev.lastmile.check.dependencies.rules.DependencyRule;
import dev.lastmile.check.dependencies.rules.Rules;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.testing.SourceClasses;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesTest {

    private final List<RuleMeta> rules = Rules.metas();

    @Test
    void idsAndNamesAreUniqueAndWellFormed() {
        assertThat(rules).extracting(RuleMeta::id).doesNotHaveDuplicates().allMatch(id -> id.matches("DEP0[0-9]{2}"));
        assertThat(rules).extracting(RuleMeta::name).doesNotHaveDuplicates()
                .allMatch(n -> n.startsWith("dependencies.") && RuleMeta.isWellFormedName(n));
        assertThat(rules).extracting(RuleMeta::category)
                .allMatch(Set.of(Category.LICENSE, Category.VULNERABILITY, Category.CONFIG)::contains);
        assertThat(rules).allMatch(r -> !r.summary().isBlank() && !r.rationale().isBlank() && !r.remediation().isBlank());
    }

    @Test
    void everyRuleHasADocsPage() {
        Path docs = Path.of("../../docs/rules");
        for (RuleMeta r : rules) {
            assertThat(docs.resolve(r.id() + ".md")).as("docs page of %s", r.id()).isRegularFile();
        }
        assertThat(Path.of("../../docs/dependencies.md")).isRegularFile();
    }

    @Test
    void extractorNamesAreEcosystemSlashFormatAndPrefixesSelect() {
        assertThat(Extractors.all()).extracting(Extractor::name).doesNotHaveDuplicates()
                .allMatch(n -> n.matches("(python|javascript|java|go|dbt)/[a-z]+"));
        assertThat(Extractors.withPrefix("python")).hasSize(5);
        assertThat(Extractors.withPrefix("javascript")).hasSize(4);
    }

    /**
     * A rule class that is not in {@link Rules#all()} never runs, and its id could not be named by a policy: every
     * concrete {@link DependencyRule} in the rules package must be registered, and the check must report exactly the
     * registry, each with its case file.
     */
    @Test
    void checkListsTheRegisteredRules() throws Exception {
        List<String> ruleClasses = SourceClasses.of("dev.lastmile.check.dependencies.rules").stream()
                .filter(c -> DependencyRule.class.isAssignableFrom(c) && !c.isInterface()
                        && !java.lang.reflect.Modifier.isAbstract(c.getModifiers()))
                .map(Class::getName).toList();
        assertThat(ruleClasses).as("rule classes in the rules package").hasSizeGreaterThanOrEqualTo(9);
        assertThat(Rules.all()).extracting(r -> r.getClass().getName()).containsExactlyInAnyOrderElementsOf(ruleClasses);
        assertThat(new DependencyCheck(DependencyOptions.fromEnvironment()).rules()).isEqualTo(rules)
                .extracting(RuleMeta::id).isSorted();
        for (RuleMeta r : rules) {
            assertThat(Path.of("src/test/resources/rules/" + r.id() + ".yml")).as("cases of %s", r.id()).isRegularFile();
        }
    }
}
