package dev.lastmile.functions.redeliverer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lastmile.github.GitHubHttp;
import dev.lastmile.github.TestApp;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The redeliverer against a WireMock GitHub answering with deliveries shaped like GitHub's documented ones. */
class RedeliveriesTest {

    @RegisterExtension
    static final WireMockExtension github = WireMockExtension.newInstance().options(options().dynamicPort()).build();
    private Redeliveries redeliveries;

    @org.junit.jupiter.api.AfterEach
    void everyRequestIsOneGitHubsRestDescriptionAllows() {
        dev.lastmile.github.GitHubOpenApi.assertDescribed(github.getAllServeEvents().stream()
                .map(com.github.tomakehurst.wiremock.stubbing.ServeEvent::getRequest).toList());
    }

    @BeforeEach
    void setUp() {
        TestApp.MutableClock clock = new TestApp.MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
        GitHubHttp http = TestApp.http(URI.create(github.baseUrl()), clock, new TestApp.RecordingSleeper());
        redeliveries = new Redeliveries(http, TestApp.tokens(http), clock);
        github.stubFor(post(urlMatching("/app/hook/deliveries/\\d+/attempts")).willReturn(aResponse().withStatus(202).withBody("{}")));
    }

    static String delivery(long id, String guid, String at, int status) {
        return "{\"id\":" + id + ",\"guid\":\"" + guid + "\",\"delivered_at\":\"" + at + "\",\"redelivery\":false,"
                + "\"duration\":0.27,\"status\":\"" + (status == 200 ? "OK" : "Invalid HTTP Response: " + status) + "\","
                + "\"status_code\":" + status + ",\"event\":\"pull_request\",\"action\":\"opened\",\"installation_id\":4242,"
                + "\"repository_id\":1296269}";
    }

    @Test
    void failedDeliveriesAreRedeliveredOnceEachAndNeverOnesThatSucceededOrGaveUp() {
        String page2 = github.baseUrl() + "/app/hook/deliveries?per_page=100&cursor=v1_8";
        github.stubFor(get(urlEqualTo("/app/hook/deliveries?per_page=100")).willReturn(okJson("["
                + delivery(10, "a", "2026-11-25T07:59:00Z", 502) + ","      // a's latest attempt failed again
                + delivery(9, "b", "2026-11-25T07:58:00Z", 200) + ","       // fine
                + delivery(8, "c", "2026-11-25T07:50:00Z", 0) + ","         // timed out: no status at all
                + delivery(7, "a", "2026-11-25T07:40:00Z", 503) + "]")
                .withHeader("Link", "<" + page2 + ">; rel=\"next\"")));
        StringBuilder exhausted = new StringBuilder();
        for (int i = 0; i < Redeliveries.MAX_ATTEMPTS; i++) {
            exhausted.append(",").append(delivery(20 + i, "e", "2026-11-25T07:1" + i + ":00Z", 500));
        }
        github.stubFor(get(urlEqualTo("/app/hook/deliveries?per_page=100&cursor=v1_8")).willReturn(okJson("["
                + delivery(6, "d", "2026-11-25T07:30:00Z", 202) + ","       // d failed, then its redelivery worked
                + delivery(5, "d", "2026-11-25T07:20:00Z", 500)
                + exhausted
                + "," + delivery(1, "old", "2026-11-24T08:00:00Z", 500) + "]"))); // outside the look-back

        Redeliveries.Outcome o = redeliveries.run();

        github.verify(postRequestedFor(urlEqualTo("/app/hook/deliveries/10/attempts"))
                .withHeader("Authorization", matching("Bearer ey[A-Za-z0-9_.-]+")));
        github.verify(postRequestedFor(urlEqualTo("/app/hook/deliveries/8/attempts")));
        github.verify(2, postRequestedFor(urlMatching("/app/hook/deliveries/\\d+/attempts")));
        assertThat(o.failed()).isEqualTo(3);
        assertThat(o.redelivered()).isEqualTo(2);
        assertThat(o.exhausted()).isEqualTo(1);
        assertThat(o.problems()).isEmpty();
    }

    @Test
    void aRedeliveryGitHubRefusesIsReportedAndTheOthersStillAskedFor() {
        github.stubFor(get(urlEqualTo("/app/hook/deliveries?per_page=100")).willReturn(okJson("["
                + delivery(3, "x", "2026-11-25T07:59:00Z", 500) + "," + delivery(2, "y", "2026-11-25T07:58:00Z", 500) + "]")));
        github.stubFor(post("/app/hook/deliveries/3/attempts").willReturn(aResponse().withStatus(422)
                .withBody("{\"message\":\"Validation Failed\"}")));

        Redeliveries.Outcome o = redeliveries.run();

        assertThat(o.redelivered()).isEqualTo(1);
        assertThat(o.problems()).singleElement().asString().startsWith("x: ").contains("422");
    }

    @Test
    void theFunctionReadsNoConfigurationUntilItRuns() {
        // SnapStart constructs the handler when a version is published, before the App's secret may exist
        RedelivererFunction function = new RedelivererFunction(() -> {
            throw new IllegalStateException("no secret yet");
        });
        assertThatThrownBy(() -> function.handleRequest(Map.of(), null)).hasMessageContaining("no secret yet");
        assertThat(new RedelivererFunction()).isNotNull();
    }
}
