package dev.lastmile.functions.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GitHubAppSecretTest {

    @Test
    void readsTheThreeFieldsAndNeverPrintsTheSecrets() {
        GitHubAppSecret s = GitHubAppSecret.parse(
                "{\"appId\": 123456, \"privateKey\": \"-----BEGIN RSA PRIVATE KEY-----\\nMIIE\\n-----END RSA PRIVATE KEY-----\", \"webhookSecret\": \"It's a Secret to Everybody\"}");
        assertThat(s.appId()).isEqualTo("123456");
        assertThat(s.requireWebhookSecret()).isEqualTo("It's a Secret to Everybody");
        assertThat(s.toString()).doesNotContain("MIIE").doesNotContain("Everybody").contains("123456");
    }

    @Test
    void malformedSecretsSayWhatIsExpectedWithoutEchoingTheValue() {
        assertThatThrownBy(() -> GitHubAppSecret.parse("hunter2-not-json")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appId").satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> GitHubAppSecret.parse("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> GitHubAppSecret.parse("{}").requireWebhookSecret()).hasMessageContaining("webhookSecret");
    }

    @Test
    void theFingerprintKeyIsStablePerInstallationAndRevealsNothing() {
        GitHubAppSecret a = new GitHubAppSecret("1", "pem", "webhook secret A");
        GitHubAppSecret again = new GitHubAppSecret("1", "other pem", "webhook secret A");
        GitHubAppSecret b = new GitHubAppSecret("1", "pem", "webhook secret B");
        assertThat(a.fingerprintKey()).hasSize(32).isEqualTo(again.fingerprintKey()).isNotEqualTo(b.fingerprintKey());
        assertThat(new String(a.fingerprintKey(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("webhook");
        assertThat(new GitHubAppSecret("1", "pem only", null).fingerprintKey()).hasSize(32);
        assertThat(new GitHubAppSecret("1", null, null).fingerprintKey()).isNull();
    }
}
