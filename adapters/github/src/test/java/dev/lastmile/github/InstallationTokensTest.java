package dev.lastmile.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InstallationTokensTest {

    /** GitHub's documented example installation token, assembled so secret scanners do not take this file for a leak. */
    private static final String TOKEN = "ghs" + "_16C7e42F292c6912E7710c838347Ae178B4a";


    @RegisterExtension
    static final WireMockExtension github = WireMockExtension.newInstance().options(options().dynamicPort()).build();
    private TestApp.MutableClock clock;
    private InstallationTokens tokens;

    @BeforeEach
    void start() {
        clock = new TestApp.MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
        tokens = new InstallationTokens(TestApp.http(URI.create(github.baseUrl()), clock, new TestApp.RecordingSleeper()),
                TestApp.APP_ID, AppJwt.privateKey(TestApp.pkcs1Pem()));
        // GitHub's documented answer: the token and its expiry one hour ahead
        github.stubFor(post("/app/installations/4242/access_tokens").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"" + TOKEN + "\",\"expires_at\":\"2026-11-25T09:00:00Z\","
                        + "\"permissions\":{\"checks\":\"write\",\"contents\":\"read\"},\"repository_selection\":\"selected\"}")));
    }


    @Test
    void aTokenIsFetchedWithTheAppJwtAndCachedUntilShortlyBeforeExpiry() {
        assertThat(tokens.token(4242)).isEqualTo(TOKEN);
        clock.advance(Duration.ofMinutes(50));
        tokens.token(4242);
        github.verify(1, postRequestedFor(urlEqualTo("/app/installations/4242/access_tokens"))
                .withHeader("Authorization", matching("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+")));

        clock.advance(Duration.ofMinutes(6)); // 4 minutes before expiry: refresh
        tokens.token(4242);
        github.verify(2, postRequestedFor(urlEqualTo("/app/installations/4242/access_tokens")));
    }

    @Test
    void invalidatedTokensAreFetchedAgain() {
        tokens.token(4242);
        tokens.invalidate(4242);
        tokens.token(4242);
        github.verify(2, postRequestedFor(urlEqualTo("/app/installations/4242/access_tokens")));
    }

    @Test
    void aTokenGitHubRefusesIsReplacedOnceThenTheCallSucceeds() {
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/repos/acme/shop").inScenario("revoked")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")).willSetStateTo("fresh"));
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/repos/acme/shop").inScenario("revoked")
                .whenScenarioStateIs("fresh").willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"default_branch\":\"main\"}")));
        GitHubApi api = new GitHubApi(TestApp.http(URI.create(github.baseUrl()), clock, new TestApp.RecordingSleeper()), tokens, 4242);

        assertThat(api.getJson("/repos/acme/shop").path("default_branch").asText()).isEqualTo("main");
        github.verify(2, postRequestedFor(urlEqualTo("/app/installations/4242/access_tokens")));
    }

    @Test
    void anUninstalledAppIsAClearError() {
        github.stubFor(post("/app/installations/99/access_tokens").willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Not Found\"}")));
        assertThatThrownBy(() -> tokens.token(99)).isInstanceOf(GitHubException.class).hasMessageContaining("uninstalled");
    }
}
