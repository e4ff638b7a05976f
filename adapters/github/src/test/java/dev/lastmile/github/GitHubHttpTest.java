package dev.lastmile.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GitHub's documented retry rules, against WireMock: what is retried, how long we wait, what gives up. */
class GitHubHttpTest {

    @RegisterExtension
    static final WireMockExtension github = WireMockExtension.newInstance().options(options().dynamicPort()).build();
    private TestApp.MutableClock clock;
    private TestApp.RecordingSleeper sleeper;
    private GitHubHttp http;



    @BeforeEach
    void reset() {
        clock = new TestApp.MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
        sleeper = new TestApp.RecordingSleeper();
        http = TestApp.http(URI.create(github.baseUrl()), clock, sleeper);
    }

    @Test
    void a502IsRetriedWithJitteredBackoff() {
        github.stubFor(get("/repos/acme/shop").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")).willSetStateTo("up"));
        github.stubFor(get("/repos/acme/shop").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("{\"default_branch\":\"main\"}")));

        GitHubHttp.Response r = http.send("GET", "/repos/acme/shop", "Bearer t", null, null);

        assertThat(r.json().path("default_branch").asText()).isEqualTo("main");
        github.verify(2, getRequestedFor(urlEqualTo("/repos/acme/shop")));
        assertThat(sleeper.waits).hasSize(1);
        assertThat(sleeper.waits.getFirst()).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void aSecondaryRateLimitWaitsForRetryAfter() {
        github.stubFor(post("/repos/acme/shop/check-runs").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("retry-after", "7")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}"))
                .willSetStateTo("ok"));
        github.stubFor(post("/repos/acme/shop/check-runs").inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));

        GitHubHttp.Response r = http.send("POST", "/repos/acme/shop/check-runs", "Bearer t",
                GitHubHttp.MAPPER.createObjectNode().put("name", "lastmile/sql"), null);

        assertThat(r.status()).isEqualTo(201);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        github.verify(2, postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void anExhaustedPrimaryLimitWaitsUntilReset() {
        long reset = clock.instant().getEpochSecond() + 5;
        github.stubFor(get("/x").inScenario("primary").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", Long.toString(reset))
                        .withBody("{\"message\":\"API rate limit exceeded for installation ID 4242.\"}"))
                .willSetStateTo("ok"));
        github.stubFor(get("/x").inScenario("primary").whenScenarioStateIs("ok").willReturn(okJson("{}")));

        http.send("GET", "/x", "Bearer t", null, null);

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(6));
    }

    @Test
    void aWaitLongerThanAFunctionShouldSleepGivesTheWorkBack() {
        github.stubFor(get("/x").willReturn(aResponse().withStatus(429).withHeader("retry-after", "3600")));

        assertThatThrownBy(() -> http.send("GET", "/x", "Bearer t", null, null))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAt()).isEqualTo(clock.instant().plusSeconds(3600)));
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void aSecondaryLimitWithoutHeadersWaitsAtLeastAMinuteSoItIsHandedBack() {
        github.stubFor(get("/x").willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"You have exceeded a secondary rate limit\"}")));

        assertThatThrownBy(() -> http.send("GET", "/x", "Bearer t", null, null)).isInstanceOf(RateLimitedException.class);
        github.verify(1, getRequestedFor(urlEqualTo("/x")));
    }

    @Test
    void aMissingPermissionIsNotRetried() {
        github.stubFor(post("/repos/acme/shop/issues/1/comments").willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible by integration\",\"documentation_url\":\"https://docs.github.com/rest\"}")));

        assertThatThrownBy(() -> http.send("POST", "/repos/acme/shop/issues/1/comments", "Bearer t",
                GitHubHttp.MAPPER.createObjectNode(), null))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("Resource not accessible by integration");
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/issues/1/comments")));
    }

    @Test
    void persistent5xxGivesUpAfterTheLastAttempt() {
        github.stubFor(get("/x").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> http.send("GET", "/x", null, null, null)).isInstanceOf(GitHubException.class)
                .hasMessageContaining("503");
        github.verify(GitHubHttp.RetryPolicy.DEFAULT.maxAttempts(), getRequestedFor(urlEqualTo("/x")));
    }

    @Test
    void patchIsSentAsPatchAnd404IsReturnedNotThrown() {
        github.stubFor(patch(urlPathEqualTo("/repos/acme/shop/check-runs/9")).willReturn(okJson("{\"id\":9}")));
        github.stubFor(get("/missing").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        assertThat(http.send("PATCH", "/repos/acme/shop/check-runs/9", "Bearer t",
                GitHubHttp.MAPPER.createObjectNode().put("status", "completed"), null).json().path("id").asInt()).isEqualTo(9);
        github.verify(patchRequestedFor(urlEqualTo("/repos/acme/shop/check-runs/9"))
                .withRequestBody(equalTo("{\"status\":\"completed\"}")));
        assertThat(http.send("GET", "/missing", null, null, null).status()).isEqualTo(404);
    }

    @Test
    void nextLinksAreFollowed() {
        assertThat(GitHubApi.nextLink("<https://api.github.com/repositories/1/pulls/1/files?page=2>; rel=\"next\", "
                + "<https://api.github.com/repositories/1/pulls/1/files?page=5>; rel=\"last\""))
                .isEqualTo("https://api.github.com/repositories/1/pulls/1/files?page=2");
        assertThat(GitHubApi.nextLink("<https://x/?page=1>; rel=\"prev\"")).isNull();
    }

    @Test
    void contentCreationStaysWithinGitHubsLimitsAndSaysWhenItMayGoOn() {
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/repos/acme/shop/check-runs")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201).withBody("{\"id\":1}")));
        for (int i = 0; i < GitHubHttp.CONTENT_PER_MINUTE; i++) {
            http.send("POST", "/repos/acme/shop/check-runs", "Bearer t", GitHubHttp.MAPPER.createObjectNode(), null);
            clock.advance(java.time.Duration.ofMillis(100));
        }
        // the 81st within the minute is not sent: it may go once the first of the 80 is a minute old
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send("POST", "/repos/acme/shop/check-runs", "Bearer t",
                        GitHubHttp.MAPPER.createObjectNode(), null))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAt())
                        .isEqualTo(Instant.parse("2026-11-25T08:01:00Z")));
        github.verify(GitHubHttp.CONTENT_PER_MINUTE, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/repos/acme/shop/check-runs")));
        // reads are not content: they go on
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/repos/acme/shop")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{}")));
        assertThat(http.send("GET", "/repos/acme/shop", "Bearer t", null, null).ok()).isTrue();
        // close to the end of the minute the request waits in the process instead
        clock.advance(java.time.Duration.ofSeconds(45));
        http.send("POST", "/repos/acme/shop/check-runs", "Bearer t", GitHubHttp.MAPPER.createObjectNode(), null);
        assertThat(sleeper.waits).last().satisfies(w -> assertThat(w.toSeconds()).isBetween(1L, 8L));
    }
}
