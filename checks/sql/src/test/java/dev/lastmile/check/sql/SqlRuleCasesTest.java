package dev.lastmile.check.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.testing.RuleCases;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every rule case under src/test/resources/rules through the scan engine, as a pull request. */
class SqlRuleCasesTest {

    @TestFactory
    Stream<DynamicTest> ruleCases() {
        return RuleCases.forCheck(new SqlCheck(), "rules");
    }

    @Test
    void everyRuleHasPassAndFailCases() {
        RuleCases.assertEveryRuleCovered(new SqlCheck(), "rules");
    }

    @Test
    void ruleIdsAreUniqueWellFormedAndInTheirRanges() {
        List<RuleMeta> rules = new SqlCheck().rules();
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (RuleMeta r : rules) {
            assertThat(ids.add(r.id())).as("duplicate id %s", r.id()).isTrue();
            assertThat(names.add(r.name())).as("duplicate name %s", r.name()).isTrue();
            assertThat(RuleMeta.isWellFormedId(r.id())).isTrue();
            assertThat(r.id()).startsWith("SQL");
            assertThat(r.summary()).isNotBlank();
            assertThat(r.rationale()).isNotBlank();
            assertThat(r.remediation()).isNotBlank();
        }
        for (SqlRule r : SqlRules.all()) {
            int n = Integer.parseInt(r.meta().id().substring(3));
            String family = switch (r.meta().category()) {
                case PII -> n >= 1 && n <= 9 ? "ok" : "pii out of range";
                case TEMPORAL -> n >= 20 && n <= 29 ? "ok" : "temporal out of range";
                case SQL_HYGIENE -> n >= 30 && n <= 39 ? "ok" : "safety out of range";
                case PARSE, CONFIG -> n >= 90 && n <= 99 ? "ok" : "parse out of range";
                default -> "unexpected category";
            };
            assertThat(family).as(r.meta().id()).isEqualTo("ok");
        }
    }
}
