package dev.lastmile.check.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.extract.Extractors;
import dev.lastmile.check.dependencies.rules.Rules;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import java.nio.file.Files;
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

    @Test
    void checkListsTheRegisteredRules() throws Exception {
        assertThat(new DependencyCheck(DependencyOptions.fromEnvironment()).rules()).isEqualTo(rules);
        assertThat(Files.exists(Path.of("pom.xml"))).isTrue();
    }
}
