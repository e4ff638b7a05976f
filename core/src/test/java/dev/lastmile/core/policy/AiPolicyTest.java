package dev.lastmile.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.model.Severity;
import dev.lastmile.core.source.CommitInfo;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code provenance.ai} in .lastmile.yml: what the loader reads, what it refuses, and the schema agreeing. */
class AiPolicyTest {

    static final String FULL = """
            fail_on: high
            provenance:
              ai:
                fail_on: medium
                require_checks: [sql, secrets]
                require_human_approvals: 2
                paths:
                  "models/finance/**": {fail_on: low}
                detect:
                  trailers: ["Co-authored-by: Acme AI <ai@acme.dev>"]
                  accounts: ["acme-ai[bot]", "bot@acme.dev"]
                  markers: ["[acme-ai]"]
                  labels: [ai]
            """;

    @Test
    void everyKeyIsRead() {
        AiPolicy ai = PolicyLoader.parse(".lastmile.yml", FULL).ai();
        assertThat(ai.configured()).isTrue();
        assertThat(ai.failOn()).isEqualTo(Severity.MEDIUM);
        assertThat(ai.requireChecks()).containsExactly("sql", "secrets");
        assertThat(ai.requireHumanApprovals()).isEqualTo(2);
        assertThat(ai.pathRule("models/finance/revenue.sql")).get().extracting(AiPolicy.PathRule::failOn).isEqualTo(Severity.LOW);
        assertThat(ai.pathRule("models/marts/x.sql")).isEmpty();
        assertThat(ai.signatures().account(CommitInfo.Identity.of("x", "bot@acme.dev"))).isPresent();
        assertThat(ai.signatures().account(new CommitInfo.Identity("x", "x@y.z", "acme-ai[bot]"))).isPresent();
        assertThat(ai.signatures().trailer("co-authored-by", CommitInfo.Identity.of("Anyone", "ai@acme.dev"))).isPresent();
        assertThat(ai.signatures().label("AI")).isPresent();
        // the policy adds to lastmile's list, never replaces it
        assertThat(ai.signatures().trailer("Co-authored-by", CommitInfo.Identity.of("Claude", "noreply@anthropic.com"))).isPresent();
    }

    @Test
    void anEmptySectionTurnsTheGateOnWithThePolicysThresholdAndNoneLeavesItOff() {
        assertThat(PolicyLoader.parse(".lastmile.yml", "provenance:\n  ai: {}\n").ai().configured()).isTrue();
        assertThat(PolicyLoader.parse(".lastmile.yml", "provenance:\n  ai: {}\n").ai().failOn()).isNull();
        assertThat(PolicyLoader.parse(".lastmile.yml", "fail_on: low\n").ai().configured()).isFalse();
        assertThat(Policy.defaults().ai().configured()).isFalse();
        assertThat(PolicyLoader.parse(".lastmile.yml", FULL).withFailOn(Severity.CRITICAL).ai().failOn()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void mistakesNameFileLineAndKey() {
        for (String[] bad : List.of(
                new String[] {"provenance:\n  ai:\n    fail_on: severe\n", "provenance.ai.fail_on"},
                new String[] {"provenance:\n  ai:\n    require_checks: [spelling]\n", "unknown check 'spelling'"},
                new String[] {"provenance:\n  ai:\n    require_human_approvals: -1\n", "from 0 to 10"},
                new String[] {"provenance:\n  ai:\n    paths:\n      \"models/**\": {}\n", "needs fail_on"},
                new String[] {"provenance:\n  ai:\n    failon: low\n", "did you mean 'fail_on'"},
                new String[] {"provenance:\n  human: {}\n", "unknown key"},
                new String[] {"provenance:\n  ai:\n    detect:\n      trailers: [\"Claude\"]\n", "'Key: Name <e-mail>'"},
                new String[] {"provenance:\n  ai:\n    detect:\n      markers: [\"ai\"]\n", "at least 3 characters"})) {
            assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", bad[0])).as(bad[0])
                    .isInstanceOf(PolicyException.class).hasMessageContaining(bad[1]).hasMessageContaining(".lastmile.yml line");
        }
    }

    @Test
    void theSchemaAcceptsWhatTheLoaderAcceptsAndRefusesWhatItRefuses() throws IOException {
        var schema = PolicySchemaTest.schema();
        assertThat(schema.validate(PolicySchemaTest.yaml(FULL))).isEmpty();
        for (String bad : List.of("provenance:\n  ai:\n    fail_on: severe\n", "provenance:\n  ai:\n    require_checks: [spelling]\n",
                "provenance:\n  ai:\n    paths:\n      \"models/**\": {}\n", "provenance:\n  human: {}\n",
                "provenance:\n  ai:\n    detect:\n      trailers: [\"Claude\"]\n")) {
            assertThat(schema.validate(PolicySchemaTest.yaml(bad))).as(bad).isNotEmpty();
        }
    }
}
