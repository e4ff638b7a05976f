package dev.lastmile.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    private static final RuleMeta SELECT_STAR = new RuleMeta("SQL001", "sql.pii.select_star", Category.PII,
            Severity.HIGH, "s", "r", "f", java.util.List.of("SQL900"));

    @Test
    void anAbsentOrEmptyPolicyMeansTheDefaults() {
        Policy p = PolicyLoader.parse(".lastmile.yml", "");
        assertThat(p.failOn()).isEqualTo(Severity.HIGH);
        assertThat(p.isIgnored("dbt_packages/dbt_utils/macros/x.sql")).isTrue();
        assertThat(p.isIgnored("models/x.sql")).isFalse();
        assertThat(p.isIgnored("transform/target/manifest.json")).as("a dbt project in a subfolder").isTrue();
        assertThat(p.isIgnored("transform/dbt_packages/dbt_utils/macros/x.sql")).isTrue();
        assertThat(p.isIgnored("models/targets.sql")).isFalse();
        assertThat(p.enabledChecks()).isEmpty();
        assertThat(Policy.defaults().isDefault()).isTrue();
    }

    @Test
    void readsThresholdIgnoresChecksAndRuleOverrides() {
        Policy p = PolicyLoader.parse(".lastmile.yml", """
                version: 1
                fail_on: medium
                ignore:
                  - "seeds/**"
                  - "*.csv"
                checks: [sql, secrets]
                rules:
                  sql.pii.select_star: critical
                  SQL002: off
                  SQL003: {enabled: true, severity: low}
                """);
        assertThat(p.failOn()).isEqualTo(Severity.MEDIUM);
        assertThat(p.isIgnored("seeds/customers.csv")).isTrue();
        assertThat(p.isIgnored("data/deep/x.csv")).isTrue();
        assertThat(p.isIgnored("models/x.sql")).isFalse();
        assertThat(p.enabledChecks()).contains(java.util.Set.of("sql", "secrets"));
        assertThat(p.severityOf(SELECT_STAR)).isEqualTo(Severity.CRITICAL);
        assertThat(p.isEnabled(SELECT_STAR)).isTrue();
        RuleMeta other = new RuleMeta("SQL002", "sql.pii.flow", Category.PII, Severity.HIGH, "s", "r", "f");
        assertThat(p.isEnabled(other)).isFalse();
    }

    @Test
    void anAliasSelectsTheRuleItStandsFor() {
        Policy p = PolicyLoader.parse(".lastmile.yml", "rules:\n  SQL900: off\n");
        assertThat(p.isEnabled(SELECT_STAR)).isFalse();
    }

    @Test
    void anUnknownKeyNamesFileLineKeyAndTheClosestKnownKey() {
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "version: 1\nfail_onn: high\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessage(".lastmile.yml line 2, key 'fail_onn': unknown key (allowed here: checks, fail_on, ignore, "
                        + "impact, licenses, limits, provenance, pull_requests, residency, rules, secrets, sql, version); did you mean 'fail_on'?")
                .satisfies(e -> assertThat(((PolicyException) e).line()).isEqualTo(2));
    }

    @Test
    void aBadSeverityNamesTheKeyAndLine() {
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "# comment\n\nfail_on: severe\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(".lastmile.yml line 3, key 'fail_on'")
                .hasMessageContaining("unknown severity 'severe'");
    }

    @Test
    void wrongShapesAreErrorsNotDefaults() {
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "ignore:\n  nested: map\n"))
                .hasMessageContaining("line 2, key 'ignore': expected a list");
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "- just\n- a list\n"))
                .hasMessageContaining("the policy must be a mapping");
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "checks: [sql, spelling]\n"))
                .hasMessageContaining("key 'checks[1]': unknown check 'spelling'");
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "rules:\n  not-a-rule: off\n"))
                .hasMessageContaining("line 2, key 'rules.not-a-rule'");
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "rules:\n  SQL001: {enabled: maybe}\n"))
                .hasMessageContaining("key 'rules.SQL001.enabled': expected true or false");
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "version: 2\n"))
                .hasMessageContaining("line 1, key 'version'");
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysNameTheLine() {
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "fail_on: high\nignore: [a, b\nchecks: []\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(".lastmile.yml line ")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "fail_on: high\nfail_on: low\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("fail_on");
    }

    @Test
    void familySectionsAreLineAwareNodes() {
        Policy p = PolicyLoader.parse(".lastmile.yml", """
                sql:
                  pii:
                    columns: [email, ssn]
                    restricted_schemas: pii
                """);
        PolicyNode pii = p.section("sql").get("pii");
        assertThat(pii.get("columns").asStringList()).containsExactly("email", "ssn");
        assertThat(pii.get("restricted_schemas").asStringList()).containsExactly("pii");
        assertThat(pii.get("missing").isPresent()).isFalse();
        assertThat(pii.get("missing").asString("dflt")).isEqualTo("dflt");
        assertThatThrownBy(() -> pii.requireOnly(java.util.Set.of("columns")))
                .hasMessage(".lastmile.yml line 4, key 'sql.pii.restricted_schemas': unknown key (allowed here: columns)");
        assertThat(p.section("residency").isPresent()).isFalse();
    }

    @Test
    void aliasBombsAndHugeDocumentsAreRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a, *a]\n");
        }
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", bomb.toString())).isInstanceOf(PolicyException.class);
        assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "x".repeat((1 << 20) + 1)))
                .hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void thePolicyKnowsTheHashOfTheTextItWasReadFromAndKeepsItUnderAnotherThreshold() {
        String text = "fail_on: high\n";
        Policy p = PolicyLoader.parse(".lastmile.yml", text);
        assertThat(p.sourceHash()).isEqualTo(Policy.hashOf(text)).startsWith("sha256:").hasSize(7 + 64);
        assertThat(p.withFailOn(Severity.LOW).sourceHash()).as("the CLI's --fail-on judges by the same file")
                .isEqualTo(p.sourceHash());
        assertThat(PolicyLoader.parse(".lastmile.yml", "").sourceHash()).isEqualTo(Policy.hashOf(""));
        assertThat(Policy.defaults().sourceHash()).as("no file, no hash").isNull();
    }
}
