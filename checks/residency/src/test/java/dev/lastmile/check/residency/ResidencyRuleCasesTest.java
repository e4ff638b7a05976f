package dev.lastmile.check.residency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.testing.RuleCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every rule's pass/fail cases (src/test/resources/rules/RES0xx.yml), run through the scan engine as a pull request. */
class ResidencyRuleCasesTest {

    private final ResidencyCheck check = new ResidencyCheck();

    @TestFactory
    Stream<DynamicTest> ruleCases() {
        return RuleCases.forCheck(check, "rules");
    }

    @Test
    void everyRuleHasAPassAndAFailCase() {
        RuleCases.assertEveryRuleCovered(check, "rules");
    }

    @Test
    void ruleIdsAreUniqueWellFormedAndInTheResidencyRange() {
        List<RuleMeta> rules = check.rules();
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (RuleMeta r : rules) {
            assertThat(ids.add(r.id())).as("duplicate id %s", r.id()).isTrue();
            assertThat(names.add(r.name())).as("duplicate name %s", r.name()).isTrue();
            assertThat(RuleMeta.isWellFormedId(r.id())).isTrue();
            assertThat(r.id()).matches("RES0\\d\\d");
            assertThat(r.name()).startsWith("residency.");
            assertThat(r.summary()).isNotBlank();
            assertThat(r.rationale()).isNotBlank();
            assertThat(r.remediation()).isNotBlank();
        }
        assertThat(check.name()).isEqualTo("residency");
        assertThat(check.checkRunName()).isEqualTo("lastmile/residency");
    }

    @Test
    void everyRuleHasADocsPage() {
        Path docs = Path.of("../../docs/rules");
        for (RuleMeta r : check.rules()) {
            Path page = docs.resolve(r.id() + ".md");
            assertThat(Files.exists(page)).as("docs page %s", page).isTrue();
        }
    }
}
