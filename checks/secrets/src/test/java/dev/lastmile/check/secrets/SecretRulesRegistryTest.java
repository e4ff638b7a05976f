package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry: stable, well-formed, unique ids and names; every rule documented; remediation says rotate. */
class SecretRulesRegistryTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();

    @Test
    void idsAndNamesAreUniqueAndWellFormed() {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (RuleMeta r : SecretRules.all()) {
            assertThat(r.id()).matches("SEC0[0-9][0-9]");
            assertThat(r.name()).startsWith("secrets.");
            assertThat(RuleMeta.isWellFormedName(r.name())).isTrue();
            assertThat(ids.add(r.id())).as("unique id %s", r.id()).isTrue();
            assertThat(names.add(r.name())).as("unique name %s", r.name()).isTrue();
            assertThat(r.summary()).isNotBlank();
            assertThat(r.rationale()).isNotBlank();
            assertThat(r.remediation()).isNotBlank();
        }
    }

    @Test
    void theCheckReportsItsRegistryUnderTheCredentialsRunName() {
        SecretsCheck check = new SecretsCheck();
        assertThat(check.name()).isEqualTo("secrets");
        assertThat(check.checkRunName()).isEqualTo("lastmile/credentials");
        assertThat(check.rules()).isEqualTo(SecretRules.all());
    }

    @Test
    void credentialRulesAreCredentialsAndSayRotate() {
        for (RuleMeta r : SecretRules.all()) {
            if (r.category() == Category.PARSE) {
                assertThat(r.severity()).isEqualTo(Severity.INFO);
                continue;
            }
            assertThat(r.category()).isEqualTo(Category.CREDENTIALS);
            if (r.severity().atLeast(Severity.MEDIUM)) {
                assertThat(r.remediation().toLowerCase(java.util.Locale.ROOT)).as("%s remediation", r.id()).contains("rotat");
            }
        }
    }

    @Test
    void everyRuleHasADocsPageAndTheFamilyPageListsIt() throws Exception {
        Path family = REPO.resolve("docs/secrets.md");
        assertThat(family).exists();
        String familyText = Files.readString(family);
        for (RuleMeta r : SecretRules.all()) {
            Path page = REPO.resolve("docs/rules/" + r.id() + ".md");
            assertThat(page).as("docs page for %s", r.id()).exists();
            String text = Files.readString(page);
            assertThat(text).contains(r.id()).contains(r.name());
            if (r.category() == Category.CREDENTIALS) {
                assertThat(text).contains("Anti-pattern").contains("Best practice");
            }
            assertThat(familyText).as("docs/secrets.md lists %s", r.id()).contains(r.id());
        }
        List<String> pages;
        try (var s = Files.list(REPO.resolve("docs/rules"))) {
            pages = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("SEC")).toList();
        }
        assertThat(pages).as("no page for a rule that does not exist")
                .allSatisfy(p -> assertThat(SecretRules.all().stream().map(RuleMeta::id)).contains(p.replace(".md", "")));
    }
}
