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



    @org.junit.jupiter.api.AfterEach
    void everyRequestIsOneGitHubsRestDescriptionAllows() {
        GitHubOpenApi.assertDescribed(github.getAllServeEvents().stream()
                .map(com.github.tomakehurst.wiremock.stubbing.ServeEvent::getRequest).toList());
    }

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
                "[{\"id\":1,\"body\":\"LGTM\"},{\"id\":77,\"body\":\"" + marker + "\\nfirst\",\"user\":{\"login\":\"lastmile[bot]\",\"type\":\"Bot\"},"
                        + "\"performed_via_github_app\":{\"id\":" + TestApp.APP_ID + ",\"slug\":\"lastmile\"}}]")));
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

    @Test
    void aCommentAnyoneElseWroteWithTheMarkerIsNotLastmilesSummary() {
        String marker = "<!-- lastmile:summary -->";
        // a person, and another App, each paste the marker: neither comment is lastmile's to find or to edit
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/issues/42/comments")).willReturn(okJson("[{\"id\":1,\"body\":\""
                + marker + " ✅ nothing fails\",\"user\":{\"login\":\"mallory\",\"type\":\"User\"},\"performed_via_github_app\":null},"
                + "{\"id\":2,\"body\":\"" + marker + "\",\"user\":{\"login\":\"other[bot]\",\"type\":\"Bot\"},"
                + "\"performed_via_github_app\":{\"id\":999,\"slug\":\"other\"}}]")));
        github.stubFor(post("/repos/acme/shop/issues/42/comments").willReturn(aResponse().withStatus(201).withBody("{\"id\":78}")));
        PullRequestComments comments = new PullRequestComments(api, "acme/shop");

        assertThat(comments.find(42, marker)).isEmpty();
        assertThat(comments.upsert(42, marker, marker + "\nours")).isEqualTo(PullRequestComments.Result.CREATED);
        github.verify(0, patchRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/comments/1")));
        github.verify(0, patchRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/comments/2")));
    }

    private static void stubRuns(String runs) {
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/commits/" + HEAD + "/check-runs"))
                .willReturn(okJson("{\"total_count\":1,\"check_runs\":[" + runs + "]}")));
    }

    private static List<CheckRuns.Annotation> annotations(int n) {
        List<CheckRuns.Annotation> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new CheckRuns.Annotation("models/a.sql", i, i, "failure", "SQL004", "finding " + i));
        }
        return out;
    }

    @Test
    void aReportPublishedAgainPostsNoAnnotationsTwice() {
        CheckRuns runs = new CheckRuns(api, "acme/shop");
        // every annotation is there already (the first attempt finished; its message came back): nothing is sent
        stubRuns("{\"id\":4,\"name\":\"lastmile/sql\",\"external_id\":\"pr-42-x\",\"status\":\"completed\","
                + "\"conclusion\":\"failure\",\"output\":{\"title\":\"3 findings fail\",\"annotations_count\":60}}");
        CheckRuns.Published again = runs.publish(HEAD, "lastmile/sql", "pr-42-x", "failure", "3 findings fail", "s", null,
                annotations(60), List.of(), Instant.EPOCH);
        assertThat(again.requests()).isZero();
        github.verify(0, patchRequestedFor(urlPathEqualTo("/repos/acme/shop/check-runs/4")));
        github.verify(0, postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")));

        // the first attempt stopped after 50 of 60: GitHub appends annotations, so a new run takes them all
        stubRuns("{\"id\":4,\"name\":\"lastmile/sql\",\"external_id\":\"pr-42-x\",\"status\":\"completed\","
                + "\"conclusion\":\"failure\",\"output\":{\"title\":\"3 findings fail\",\"annotations_count\":50}}");
        github.stubFor(post("/repos/acme/shop/check-runs").willReturn(aResponse().withStatus(201).withBody("{\"id\":9}")));
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/check-runs/9")).willReturn(okJson("{\"id\":9}")));
        CheckRuns.Published replaced = runs.publish(HEAD, "lastmile/sql", "pr-42-x", "failure", "3 findings fail", "s", null,
                annotations(60), List.of(), Instant.EPOCH);
        assertThat(replaced.id()).isEqualTo(9);
        github.verify(0, patchRequestedFor(urlPathEqualTo("/repos/acme/shop/check-runs/4")));
        List<JsonNode> created = bodies(github.findAll(postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs"))));
        assertThat(created).singleElement().satisfies(b -> {
            assertThat(b.path("external_id").asText()).isEqualTo("pr-42-x");
            assertThat(b.path("status").asText()).isEqualTo("completed");
            assertThat(b.path("output").path("annotations")).hasSize(50);
        });
        assertThat(bodies(github.findAll(patchRequestedFor(urlEqualTo("/repos/acme/shop/check-runs/9")))))
                .singleElement().satisfies(b -> assertThat(b.path("output").path("annotations")).hasSize(10));
    }

    @Test
    void aRejectedUpdateIsNeverLeftQueuedInSilence() {
        CheckRuns runs = new CheckRuns(api, "acme/shop");
        stubRuns("{\"id\":4,\"name\":\"lastmile/sql\",\"external_id\":\"pr-42-x\",\"status\":\"queued\"}");
        // 422 for the annotations: published without them, saying so
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/check-runs/4")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.output.annotations"))
                .willReturn(aResponse().withStatus(422).withBody("{\"message\":\"Invalid request: annotation path\"}")));
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/check-runs/4")).atPriority(2).willReturn(okJson("{\"id\":4}")));
        CheckRuns.Published p = runs.publish(HEAD, "lastmile/sql", "pr-42-x", "failure", "1 finding fails", "s", null,
                annotations(1), List.of(), Instant.EPOCH);
        assertThat(p.annotationsDropped()).isTrue();
        JsonNode last = bodies(github.findAll(patchRequestedFor(urlEqualTo("/repos/acme/shop/check-runs/4")))).getLast();
        assertThat(last.path("conclusion").asText()).isEqualTo("failure");
        assertThat(last.path("output").path("text").asText()).contains("GitHub refused this run's annotations");

        // 404: the run is gone; a new one carries the result
        github.resetRequests();
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/check-runs/4")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
        github.stubFor(post("/repos/acme/shop/check-runs").willReturn(aResponse().withStatus(201).withBody("{\"id\":6}")));
        assertThat(runs.publish(HEAD, "lastmile/sql", "pr-42-x", "success", "ok", "s", null, List.of(), List.of(),
                Instant.EPOCH).id()).isEqualTo(6);

        // 5xx however often it is retried: the run is left in a visible state, then the failure is thrown (the queue
        // retries the report and finally dead-letters it)
        github.resetRequests();
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/check-runs/4")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.output.annotations"))
                .willReturn(aResponse().withStatus(502)));
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/check-runs/4")).atPriority(2).willReturn(okJson("{\"id\":4}")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runs.publish(HEAD, "lastmile/sql", "pr-42-x", "success",
                        "No findings at or above high", "s", null, annotations(3), List.of(), Instant.EPOCH))
                .isInstanceOf(GitHubException.class);
        JsonNode visible = bodies(github.findAll(patchRequestedFor(urlEqualTo("/repos/acme/shop/check-runs/4")))).getLast();
        assertThat(visible.path("status").asText()).isEqualTo("completed");
        assertThat(visible.path("conclusion").asText()).isEqualTo("neutral");
        assertThat(visible.path("output").path("title").asText()).isEqualTo("lastmile could not publish this report");
    }

    @Test
    void gitHubsDescriptionCatchesARequestGitHubWouldRefuse() {
        org.junit.jupiter.api.Assumptions.assumeTrue(GitHubOpenApi.available(), NpmFixtures.ABSENT);
        github.stubFor(post("/repos/acme/shop/check-runs").willReturn(aResponse().withStatus(201).withBody("{\"id\":4}")));
        api.post("/repos/acme/shop/check-runs", GitHubHttp.MAPPER.createObjectNode().put("name", "lastmile/sql")
                .put("head_sha", HEAD).put("status", "finished"));
        List<LoggedRequest> sent = github.getAllServeEvents().stream()
                .map(com.github.tomakehurst.wiremock.stubbing.ServeEvent::getRequest).toList();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GitHubOpenApi.assertDescribed(sent))
                .isInstanceOf(AssertionError.class).hasMessageContaining("POST /repos/acme/shop/check-runs");
        github.resetRequests(); // checked here; the check after each test must not see it again
    }
}
