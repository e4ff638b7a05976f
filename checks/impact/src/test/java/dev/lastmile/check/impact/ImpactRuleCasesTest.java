package dev.lastmile.check.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.testing.RuleCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every rule's pass/fail cases (src/test/resources/rules/IMP0xx.yml), run through the scan engine as a pull request. */
class ImpactRuleCasesTest {

    private final ImpactCheck check = new ImpactCheck();

    @TestFactory
    Stream<DynamicTest> ruleCases() {
        return RuleCases.forCheck(check, "rules");
    }

    @Test
    void everyRuleHasAPassAndAFailCase() {
        RuleCases.assertEveryRuleCovered(check, "rules");
    }

    @Test
    void ruleIdsAreUniqueWellFormedAndOfTheFamily() {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        assertThat(check.rules()).isNotEmpty();
        for (RuleMeta r : check.rules()) {
            assertThat(ids.add(r.id())).as("duplicate id %s", r.id()).isTrue();
            assertThat(names.add(r.name())).as("duplicate name %s", r.name()).isTrue();
            assertThat(r.id()).matches("IMP0\\d\\d");
            assertThat(r.name()).startsWith(CheckFamily.IMPACT.ruleNamePrefix());
            assertThat(r.summary()).isNotBlank();
            assertThat(r.rationale()).isNotBlank();
            assertThat(r.remediation()).isNotBlank();
        }
        assertThat(check.name()).isEqualTo(CheckFamily.IMPACT.check());
        assertThat(check.checkRunName()).isEqualTo(CheckFamily.IMPACT.checkRunName());
    }

    @Test
    void everyRuleHasADocsPage() {
        Path docs = Path.of("../../docs/rules");
        for (RuleMeta r : check.rules()) {
            assertThat(docs.resolve(r.id() + ".md")).as("docs page of %s", r.id()).isRegularFile();
        }
    }
}
