package dev.lastmile.functions.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.github.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The App's secret read on use, memoised for a while, read again when GitHub refuses what it made. */
class GitHubAppSecretsTest {

    private final TestApp.MutableClock clock = new TestApp.MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final AtomicReference<String> stored = new AtomicReference<>("{\"appId\":\"\",\"privateKey\":\"\",\"webhookSecret\":\"\"}");
    private final AtomicInteger reads = new AtomicInteger();
    private final GitHubAppSecrets secrets = new GitHubAppSecrets(() -> {
        reads.incrementAndGet();
        String v = stored.get();
        if (v == null) {
            throw new IllegalStateException("Secrets Manager answered 500");
        }
        return v;
    }, clock);

    @Test
    void nothingIsReadUntilUsedAndAReadIsKeptForTheTtl() {
        assertThat(reads).hasValue(0);
        assertThat(secrets.current().webhookSecret()).isEmpty();
        stored.set("{\"appId\":\"7\",\"privateKey\":\"pem\",\"webhookSecret\":\"s1\"}");
        clock.advance(GitHubAppSecrets.TTL.minusSeconds(1));
        assertThat(secrets.current().webhookSecret()).as("still the memo").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(secrets.current().webhookSecret()).as("after the TTL: the rotated value").isEqualTo("s1");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRefreshReadsAgainAtOnceButNotTwiceInAMoment() {
        secrets.current();
        clock.advance(GitHubAppSecrets.MIN_REFRESH_INTERVAL);
        stored.set("{\"appId\":\"7\",\"privateKey\":\"pem\",\"webhookSecret\":\"s2\"}");
        assertThat(secrets.refresh()).as("changed").isTrue();
        assertThat(secrets.current().webhookSecret()).isEqualTo("s2");
        // a flood of forged signatures right after: no further reads
        assertThat(secrets.refresh()).isFalse();
        assertThat(secrets.refresh()).isFalse();
        assertThat(reads).hasValue(2);
        clock.advance(GitHubAppSecrets.MIN_REFRESH_INTERVAL);
        assertThat(secrets.refresh()).as("read again, unchanged").isFalse();
        assertThat(reads).hasValue(3);
    }

    @Test
    void aFailedReadIsNotRememberedAndSaysWhy() {
        stored.set(null);
        assertThatThrownBy(secrets::current).hasMessageContaining("500");
        stored.set("{\"appId\":\"7\",\"privateKey\":\"pem\",\"webhookSecret\":\"s3\"}");
        assertThat(secrets.current().webhookSecret()).isEqualTo("s3");
    }

    @Test
    void accessWithThePlaceholderSecretFailsOnUseNamingWhatIsMissingAndNeverItsValue() throws Exception {
        GitHubAccess access = new GitHubAccess(TestApp.http(java.net.URI.create("http://127.0.0.1:9"), clock,
                new TestApp.RecordingSleeper()), secrets, null);
        assertThat(reads).hasValue(0);
        assertThatThrownBy(() -> access.tokens().appJwt()).hasMessageContaining("no GitHub App id");
        stored.set("{\"appId\":\"7\",\"privateKey\":\"\",\"webhookSecret\":\"hush-hush\"}");
        clock.advance(GitHubAppSecrets.TTL);
        assertThatThrownBy(() -> access.tokens().appJwt()).hasMessageContaining("no privateKey")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hush-hush"));
        stored.set("{\"appId\":\"7\",\"privateKey\":" + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(TestApp.pkcs1Pem()) + ",\"webhookSecret\":\"s\"}");
        clock.advance(GitHubAppSecrets.TTL);
        assertThat(access.tokens().appJwt()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }
}
