package dev.lastmile.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CheckRunsAndCommentsTest {

    static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    @RegisterExtension
    static final WireMockExtension github = WireMockExtension.newInstance().options(options().dynamicPort()).build();
    private GitHubApi api;



    @BeforeEach
    void reset() {
        TestApp.stubInstallationToken(github);
        GitHubHttp http = TestApp.http(URI.create(github.baseUrl()), null, new TestApp.RecordingSleeper());
        api = TestApp.installationApi(http);
    }

    private static List<JsonNode> bodies(List<LoggedRequest> requests) {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : requests) {
            try {
                out.add(GitHubHttp.MAPPER.readTree(r.getBodyAsString()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    @Test
    void anExistingRunIsReusedAndAMissingOneCreatedQueued() {
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/commits/" + HEAD + "/check-runs"))
                .willReturn(okJson("{\"total_count\":0,\"check_runs\":[]}")));
        github.stubFor(post("/repos/acme/shop/check-runs").willReturn(aResponse().withStatus(201).withBody("{\"id\":4}")));
        CheckRuns runs = new CheckRuns(api, "acme/shop");

        assertThat(runs.findOrCreate(HEAD, "lastmile/sql", "pr-42-x")).isEqualTo(4);
        JsonNode created = bodies(github.findAll(postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")))).getFirst();
        assertThat(created.path("status").asText()).isEqualTo("queued");
        assertThat(created.path("head_sha").asText()).isEqualTo(HEAD);

        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/commits/" + HEAD + "/check-runs"))
                .willReturn(okJson("{\"total_count\":1,\"check_runs\":[{\"id\":4,\"name\":\"lastmile/sql\",\"status\":\"queued\",\"external_id\":\"pr-42-x\"}]}")));
        assertThat(runs.findOrCreate(HEAD, "lastmile/sql", "pr-42-x")).isEqualTo(4);
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")));

        // a re-run is another job on the same head: it gets a run of its own
        github.stubFor(post("/repos/acme/shop/check-runs").willReturn(aResponse().withStatus(201).withBody("{\"id\":5}")));
        assertThat(runs.findOrCreate(HEAD, "lastmile/sql", "pr-42-x-rerun-abc")).isEqualTo(5);
        github.verify(2, postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")));
    }

    @Test
    void annotationsGoFiftyARequestAndTextsStayWithinGitHubsLimit() {
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/check-runs/4")).willReturn(okJson("{\"id\":4}")));
        List<CheckRuns.Annotation> annotations = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            annotations.add(new CheckRuns.Annotation("models/a.sql", i, i, "failure", "SQL004", "finding " + i));
        }
        String hugeSummary = "x".repeat(70_000);

        int requests = new CheckRuns(api, "acme/shop").complete(4, "failure", "3 findings", hugeSummary, "details",
                annotations, List.of(new CheckRuns.Action("Re-run", "Run lastmile again", "rerun")), Instant.EPOCH);

        assertThat(requests).isEqualTo(3);
        List<JsonNode> sent = bodies(github.findAll(patchRequestedFor(urlEqualTo("/repos/acme/shop/check-runs/4"))));
        assertThat(sent).extracting(b -> b.path("output").path("annotations").size()).containsExactly(50, 50, 20);
        assertThat(sent.get(0).path("conclusion").asText()).isEqualTo("failure");
        assertThat(sent.get(0).path("actions").get(0).path("identifier").asText()).isEqualTo("rerun");
        assertThat(sent.get(1).has("conclusion")).isFalse();
        assertThat(sent).allSatisfy(b -> assertThat(b.path("output").path("summary").asText().length()).isLessThanOrEqualTo(65_535));
        assertThat(sent.get(2).path("output").path("annotations").get(19).path("start_line").asInt()).isEqualTo(120);
    }

    @Test
    void aRunWithoutAnnotationsIsCompletedInOneRequest() {
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/check-runs/5")).willReturn(okJson("{\"id\":5}")));
        assertThat(new CheckRuns(api, "acme/shop").complete(5, "success", "ok", "nothing", null, List.of(), List.of(), Instant.EPOCH))
                .isEqualTo(1);
    }

    @Test
    void theSummaryCommentIsCreatedThenUpdatedThenLeftAlone() {
        String marker = "<!-- lastmile:summary -->";
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/issues/42/comments")).willReturn(okJson("[{\"id\":1,\"body\":\"LGTM\",\"user\":{\"login\":\"octocat\"}}]")));
        github.stubFor(post("/repos/acme/shop/issues/42/comments").willReturn(aResponse().withStatus(201).withBody("{\"id\":77}")));
        PullRequestComments comments = new PullRequestComments(api, "acme/shop");

        assertThat(comments.upsert(42, marker, marker + "\nfirst")).isEqualTo(PullRequestComments.Result.CREATED);

        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/issues/42/comments")).willReturn(okJson(
                "[{\"id\":1,\"body\":\"LGTM\"},{\"id\":77,\"body\":\"" + marker + "\\nfirst\",\"user\":{\"login\":\"lastmile[bot]\"}}]")));
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/issues/comments/77")).willReturn(okJson("{\"id\":77}")));
        assertThat(comments.upsert(42, marker, marker + "\nsecond")).isEqualTo(PullRequestComments.Result.UPDATED);
        assertThat(comments.upsert(42, marker, marker + "\nfirst")).isEqualTo(PullRequestComments.Result.UNCHANGED);

        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/issues/42/comments")));
        github.verify(1, patchRequestedFor(urlEqualTo("/repos/acme/shop/issues/comments/77")));
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String s = "a".repeat(8) + "😀" + "b".repeat(10);
        assertThat(CheckRuns.cut(s, 10)).hasSize(9).endsWith("…").doesNotContain("\uD83D");
        assertThat(CheckRuns.cut("short", 10)).isEqualTo("short");
    }
}
