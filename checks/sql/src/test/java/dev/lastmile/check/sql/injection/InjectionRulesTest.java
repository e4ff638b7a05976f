package dev.lastmile.check.sql.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InjectionRulesTest {

    @Test
    void idsAreUniqueWellFormedAndInTheInjectionRange() {
        List<RuleMeta> rules = InjectionRules.all();
        assertThat(rules).extracting(RuleMeta::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("SQL01[0-9]"), "SQL010-SQL019");
        assertThat(rules).extracting(RuleMeta::name).doesNotHaveDuplicates()
                .allMatch(RuleMeta::isWellFormedName)
                .allMatch(n -> n.startsWith("sql.injection."));
    }

    @Test
    void everyRuleIsDocumentedInItsMetadataAndCategorised() {
        for (RuleMeta r : InjectionRules.all()) {
            assertThat(r.summary()).as(r.id()).isNotBlank();
            assertThat(r.rationale()).as(r.id()).isNotBlank();
            assertThat(r.remediation()).as(r.id()).isNotBlank();
            // SQL019 says a file was not analysed: a parse note, not an injection
            assertThat(r.category()).as(r.id()).isEqualTo(r.id().equals("SQL019") ? Category.PARSE : Category.SQL_INJECTION);
        }
    }

    @Test
    void everyRuleHasADocsPage() {
        Path docs = docsDir();
        for (RuleMeta r : InjectionRules.all()) {
            assertThat(docs.resolve("rules/" + r.id() + ".md")).as("docs page of " + r.id()).exists();
        }
        assertThat(docs.resolve("sql-injection.md")).exists();
    }

    /** The repository's docs folder, found from the module's working directory. */
    private static Path docsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/rules"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a docs/rules folder above the module").isNotNull();
        return dir.resolve("docs");
    }
}
