package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.check.secrets.internal.FileScanner;
import dev.lastmile.check.secrets.internal.SecretHasher;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The secrets: section: parsed, validated with file, line and key, and applied. */
class SecretsPolicyTest {

    private static Policy policy(String yaml) {
        return PolicyLoader.parse(".lastmile.yml", yaml);
    }

    @Test
    void defaultsWhenAbsent() {
        SecretsPolicy p = SecretsPolicy.from(Policy.defaults());
        assertThat(p.history()).isTrue();
        assertThat(p.historyMaxCommits()).isEqualTo(250);
        assertThat(p.maxFileBytes()).isEqualTo(2048 * 1024);
        assertThat(p.isTestFixture("tests/fixtures/x.yml")).isFalse();
    }

    @Test
    void readsEveryKey() {
        String sha = SecretHasher.sha256("known-public-value");
        SecretsPolicy p = SecretsPolicy.from(policy("""
                secrets:
                  test_fixtures: ["tests/fixtures/**", "**/testdata/**"]
                  test_fixtures_action: skip
                  credential_keys: [sf_magic_word]
                  allowed_values: ["sha256:%s"]
                  history: false
                  history_max_commits: 10
                  max_file_kb: 64
                """.formatted(sha)));
        assertThat(p.isTestFixture("tests/fixtures/profiles.yml")).isTrue();
        assertThat(p.isTestFixture("pkg/testdata/a.json")).isTrue();
        assertThat(p.skipTestFixtures()).isTrue();
        assertThat(p.credentialKeys()).containsExactly("sf_magic_word");
        assertThat(p.allowedSha256()).containsExactly(sha);
        assertThat(p.history()).isFalse();
        assertThat(p.historyMaxCommits()).isEqualTo(10);
        assertThat(p.maxFileBytes()).isEqualTo(64 * 1024);
    }

    @Test
    void errorsNameLineAndKey() {
        assertThatThrownBy(() -> new SecretsCheck().validatePolicy(policy("secrets:\n  test_fixture: [a]\n")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("2").hasMessageContaining("secrets.test_fixture").hasMessageContaining("test_fixtures");
        assertThatThrownBy(() -> SecretsPolicy.from(policy("secrets:\n  allowed_values: [hunter2]\n")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("sha256:");
        assertThatThrownBy(() -> SecretsPolicy.from(policy("secrets:\n  test_fixtures_action: drop\n")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("info, skip");
        assertThatThrownBy(() -> SecretsPolicy.from(policy("secrets:\n  max_file_kb: 1\n")))
                .isInstanceOf(PolicyException.class);
    }

    @Test
    void theSchemaDocumentsExactlyTheKeysTheCheckAccepts() throws Exception {
        java.nio.file.Path schema = java.nio.file.Path.of("").toAbsolutePath().getParent().getParent()
                .resolve("core/src/main/resources/dev/lastmile/core/policy/lastmile-policy.schema.json");
        com.fasterxml.jackson.databind.JsonNode secrets = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(schema.toFile()).path("properties").path("secrets");
        java.util.Set<String> documented = new java.util.TreeSet<>();
        secrets.path("properties").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(SecretsPolicy.KEYS);
        assertThat(secrets.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void extraCredentialKeysAndAllowedValuesApply() {
        SecretHasher hasher = new SecretHasher("k".getBytes(StandardCharsets.UTF_8));
        String value = new Samples(3).password();
        String text = "sf_magic_word: \"" + value + "\"\n";
        FileScanner plain = new FileScanner(SecretsPolicy.defaults(), hasher);
        assertThat(plain.scan("conf/app.yml", text).hits()).isEmpty();

        FileScanner extra = new FileScanner(SecretsPolicy.from(policy("secrets:\n  credential_keys: [sf_magic_word]\n")), hasher);
        assertThat(extra.scan("conf/app.yml", text).hits()).singleElement()
                .satisfies(h -> assertThat(h.rule().id()).isEqualTo("SEC001"));

        FileScanner allowedBySha = new FileScanner(SecretsPolicy.from(policy(
                "secrets:\n  credential_keys: [sf_magic_word]\n  allowed_values: [\"sha256:" + SecretHasher.sha256(value) + "\"]\n")), hasher);
        assertThat(allowedBySha.scan("conf/app.yml", text).hits()).isEmpty();

        FileScanner allowedByHmac = new FileScanner(SecretsPolicy.from(policy(
                "secrets:\n  credential_keys: [sf_magic_word]\n  allowed_values: [\"hmac:" + hasher.hash(value) + "\"]\n")), hasher);
        assertThat(allowedByHmac.scan("conf/app.yml", text).hits()).isEmpty();
    }
}
