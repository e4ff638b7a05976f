package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.RuleMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The rule index in docs/ is generated from the registries, and every rule has its page: docs cannot drift. */
class RuleDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "rules");

    @Test
    void theRuleIndexIsWhatTheRegistriesSay() throws Exception {
        assertThat(Files.readString(DOCS.resolve("README.md")))
                .as("docs/rules/README.md is stale: regenerate it with ./lastmile rules --markdown > docs/rules/README.md")
                .isEqualTo(RulesCommand.markdownIndex());
    }

    @Test
    void everyRuleHasAPageAndIdsAreUniqueAcrossChecks() {
        for (RulesCommand.Row row : RulesCommand.rows()) {
            RuleMeta r = row.rule();
            assertThat(DOCS.resolve(r.id() + ".md")).as("docs page of " + r.id()).exists();
            assertThat(r.summary()).as(r.id() + " summary").isNotBlank();
            assertThat(r.remediation()).as(r.id() + " remediation").isNotBlank();
        }
        long distinct = RulesCommand.rows().stream().map(row -> row.rule().id()).distinct().count();
        assertThat(distinct).as("rule ids are unique across every check").isEqualTo(RulesCommand.rows().size());
    }
}
