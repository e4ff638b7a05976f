package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.testing.SourceClasses;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
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
    void theCheckReportsItsRegistryUnderItsFamilysNames() {
        SecretsCheck check = new SecretsCheck();
        assertThat(check.name()).isEqualTo(CheckFamily.SECRETS.check());
        assertThat(check.checkRunName()).isEqualTo("lastmile/credentials");
        assertThat(check.rules()).isEqualTo(SecretRules.all());
    }

    /**
     * A rule class whose {@code META} is not registered, or whose provider detectors are not wired, never reports:
     * every rule class of the rules package must be in {@link SecretRules#all()}, each of its detectors in
     * {@link SecretRules#detectors()}, and every detector must report a registered rule.
     */
    @Test
    void everyRuleClassAndDetectorIsRegistered() throws Exception {
        List<Class<?>> classes = SourceClasses.of("dev.lastmile.check.secrets.rules");
        Set<String> registered = new HashSet<>();
        SecretRules.all().forEach(r -> registered.add(r.id()));
        Set<Detector> wired = new HashSet<>(SecretRules.detectors());
        int metas = 0;
        for (Class<?> c : classes) {
            Field meta;
            try {
                meta = c.getField("META");
            } catch (NoSuchFieldException e) {
                continue; // a helper, not a rule
            }
            metas++;
            RuleMeta rule = (RuleMeta) meta.get(null);
            assertThat(registered).as("%s.META (%s) is registered", c.getSimpleName(), rule.id()).contains(rule.id());
            try {
                Method detectors = c.getMethod("detectors");
                @SuppressWarnings("unchecked")
                List<Detector> own = (List<Detector>) detectors.invoke(null);
                assertThat(own).as("%s has detectors", c.getSimpleName()).isNotEmpty();
                for (Detector d : own) {
                    assertThat(wired.stream().anyMatch(w -> w.getClass() == d.getClass() && w.rule().equals(d.rule())))
                            .as("a %s detector of %s is wired", d.rule().id(), c.getSimpleName()).isTrue();
                }
            } catch (NoSuchMethodException e) {
                // a rule reported by the structural scan, not by a provider detector
            }
        }
        assertThat(metas).as("rule classes with a META").isEqualTo(SecretRules.all().size());
        for (Detector d : SecretRules.detectors()) {
            assertThat(registered).as("detector rule %s is registered", d.rule().id()).contains(d.rule().id());
        }
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
