package dev.lastmile.functions.reporter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ReportRequest;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.output.MarkdownSummary;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.functions.common.Events;
import dev.lastmile.functions.common.TodoCheck;
import dev.lastmile.github.GitHubApi;
import dev.lastmile.github.GitHubHttp;
import dev.lastmile.github.InstallationTokens;
import dev.lastmile.github.TestApp;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The reporter fed the root events/sqs-report.json and jobs like it, against S3Proxy and a WireMock GitHub. */
class ReporterFunctionTest {

    static final String BASE = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    static final String CHECK_RUNS = "/repos/acme/shop/commits/" + HEAD + "/check-runs";
    static final String COMMENTS = "/repos/acme/shop/issues/42/comments";

    private static S3ProxyFixture s3proxy;
    private static S3Client s3;
    private static WireMockServer github;
    private static int counter;

    private FindingsStore store;
    private ReporterFunction function;

    @BeforeAll
    static void start() {
        s3proxy = S3ProxyFixture.start();
        s3 = s3proxy.createBucket("findings");
        github = new WireMockServer(options().dynamicPort());
        github.start();
    }

    @AfterAll
    static void stop() {
        s3.close();
        s3proxy.close();
        github.stop();
    }

    @org.junit.jupiter.api.AfterEach
    void everyRequestIsOneGitHubsRestDescriptionAllows() {
        dev.lastmile.github.GitHubOpenApi.assertDescribed(github.getAllServeEvents().stream()
                .map(com.github.tomakehurst.wiremock.stubbing.ServeEvent::getRequest).toList());
    }

    @BeforeEach
    void fresh() {
        counter++;
        github.resetAll();
        TestApp.stubInstallationToken(github);
        github.stubFor(get(urlPathMatching("/repos/acme/shop/commits/[0-9a-f]+/check-runs")).willReturn(okJson("{\"total_count\":0,\"check_runs\":[]}")));
        github.stubFor(post("/repos/acme/shop/check-runs").willReturn(aResponse().withStatus(201).withBody("{\"id\":11}")));
        github.stubFor(patch(urlMatching("/repos/acme/shop/check-runs/\\d+")).willReturn(okJson("{}")));
        github.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson("[]")));
        github.stubFor(post(COMMENTS).willReturn(aResponse().withStatus(201).withBody("{\"id\":77}")));
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/issues/comments/77")).willReturn(okJson("{}")));
        store = new FindingsStore(new S3ObjectStore(s3, "findings", "r" + counter));
        function = new ReporterFunction(serviceFor());
    }

    private ReporterService serviceFor() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T08:05:00Z"), ZoneOffset.UTC);
        GitHubHttp http = TestApp.http(URI.create(github.baseUrl()), clock, new TestApp.RecordingSleeper());
        InstallationTokens tokens = TestApp.tokens(http);
        return new ReporterService(store, id -> new GitHubApi(http, tokens, id), clock);
    }

    static ScanJob job() {
        return Messages.scanJob(Events.json("sqs-report.json").path("Records").get(0).path("body").asText()
                .replaceFirst("^\\{\"v\":1,\"type\":\"report\",\"job\":", "").replaceFirst(",\"check\":.*$", ""));
    }

    /** Stores a run of the test check over a head with {@code todos} TODO lines, as the sql check function would. */
    ReportRequest stored(ScanJob job, String check, int todos) {
        return stored(job, check, todos, "models/a.sql");
    }

    ReportRequest stored(ScanJob job, String check, int todos, String path) {
        StringBuilder sql = new StringBuilder("select 1\n");
        for (int i = 0; i < todos; i++) {
            sql.append("-- TODO ").append(i).append('\n');
        }
        InMemorySource source = new InMemorySource("acme/shop").put(BASE, path, "select 1\n")
                .put(job.head(), path, sql.toString());
        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(source, BASE, job.head(), ScanMode.PULL_REQUEST,
                job.pullRequest(), null, List.of(new TodoCheck(check)), null));
        String key = store.save(job.jobId(), result, result.runs().getFirst()).runDocument();
        return ReportRequest.completed(job, check, dev.lastmile.core.scan.CheckFamily.checkRunNameOf(check), key);
    }

    /** The body of the request that created the check run completed. */
    private static JsonNode completion() {
        List<JsonNode> created = bodies(github.findAll(postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs"))));
        assertThat(created).hasSize(1);
        return created.getFirst();
    }

    private static List<JsonNode> bodies(List<LoggedRequest> requests) {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : requests) {
            try {
                out.add(new ObjectMapper().readTree(r.getBodyAsString()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    @Test
    void theReportEventCompletesTheCheckRunWithAnnotationBatchesAndCreatesTheSummary() {
        stored(job(), "sql", 120);

        SQSBatchResponse response = function.handleRequest(Events.sqs("sqs-report.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        // created completed in one request with the first 50 annotations, the rest appended 50 a request
        List<JsonNode> patches = new ArrayList<>(bodies(github.findAll(postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")))));
        assertThat(patches).hasSize(1);
        patches.addAll(bodies(github.findAll(patchRequestedFor(urlEqualTo("/repos/acme/shop/check-runs/11")))));
        assertThat(patches).extracting(p -> p.path("output").path("annotations").size()).containsExactly(50, 50, 20);
        assertThat(patches.getFirst().path("conclusion").asText()).isEqualTo("failure");
        assertThat(patches.getFirst().path("output").path("title").asText()).isEqualTo("120 findings fail");
        assertThat(patches.getFirst().path("actions").get(0).path("identifier").asText()).isEqualTo("rerun");
        assertThat(patches.getFirst().path("output").path("annotations").get(0).path("annotation_level").asText()).isEqualTo("failure");

        List<JsonNode> comments = bodies(github.findAll(postRequestedFor(urlEqualTo(COMMENTS))));
        assertThat(comments).singleElement().satisfies(c -> assertThat(c.path("body").asText())
                .startsWith(MarkdownSummary.MARKER)
                .contains("`lastmile/credentials` is still running")
                .contains("<!-- lastmile:job created=2026-11-25T08:00:00Z head=" + HEAD + " -->")
                .hasSizeLessThanOrEqualTo(65_535));
    }

    @Test
    void theSummaryCommentSaysWhichCommitsAnAssistantWroteAndTagsTheirFindings() {
        ScanJob job = job();
        InMemorySource source = new InMemorySource("acme/shop").put(BASE, "models/a.sql", "select 1\n")
                .put(job.head(), "models/a.sql", "select 1\n-- TODO 0\n")
                .commitInfo(job.head(), dev.lastmile.core.source.CommitInfo.of(job.head(),
                        dev.lastmile.core.source.CommitInfo.Identity.of("Ada Lovelace", "ada@example.com"),
                        "Add a model\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"));
        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(source, BASE, job.head(), ScanMode.PULL_REQUEST,
                job.pullRequest(), null, List.of(new TodoCheck("sql")), null));
        store.save(job.jobId(), result, result.runs().getFirst());

        function.handleRequest(Events.sqs("sqs-report.json"), null);

        List<JsonNode> comments = bodies(github.findAll(postRequestedFor(urlEqualTo(COMMENTS))));
        assertThat(comments).singleElement().satisfies(c -> assertThat(c.path("body").asText())
                .contains("AI-authored:** 1 of 1 commit (Claude Code)")
                .contains(" · AI-authored |")
                .doesNotContain("Ada").doesNotContain("ada@example.com"));
    }

    @Test
    void aSecondFamilyUpdatesTheSameCommentInsteadOfAddingOne() {
        ScanJob job = job();
        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(stored(job, "sql", 2)), "1", "arn")), null);
        String first = bodies(github.findAll(postRequestedFor(urlEqualTo(COMMENTS)))).getFirst().path("body").asText();
        github.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson("[{\"id\":77,\"performed_via_github_app\":{\"id\":" + TestApp.APP_ID + "},\"body\":"
                + new ObjectMapper().valueToTree(first) + "}]")));

        function.handleRequest(Events.of(Events.message("m-2", Messages.toJson(stored(job, "secrets", 0)), "1", "arn")), null);

        github.verify(1, postRequestedFor(urlEqualTo(COMMENTS)));
        List<JsonNode> updates = bodies(github.findAll(patchRequestedFor(urlEqualTo("/repos/acme/shop/issues/comments/77"))));
        assertThat(updates).singleElement().satisfies(u -> assertThat(u.path("body").asText())
                .contains("lastmile/sql").contains("lastmile/credentials").doesNotContain("`lastmile/credentials` is still running"));
    }

    @Test
    void aCheckThatCouldNotRunFailsItsRunAndIsNamedInTheSummary() {
        ReportRequest failed = ReportRequest.failed(job(), "secrets", "lastmile/credentials", "GitHub answered 502 three times");

        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(failed), "1", "arn")), null);

        JsonNode patchBody = completion();
        assertThat(patchBody.path("conclusion").asText()).isEqualTo("failure");
        assertThat(patchBody.path("output").path("summary").asText()).contains("GitHub answered 502 three times");
        assertThat(bodies(github.findAll(postRequestedFor(urlEqualTo(COMMENTS)))).getFirst().path("body").asText())
                .contains("`lastmile/credentials` could not run: GitHub answered 502 three times");
    }

    @Test
    void aLateReportForAnOlderHeadLeavesTheNewerSummaryAlone() {
        String newer = MarkdownSummary.MARKER + "\nnewer\n<!-- lastmile:job created=2026-11-25T09:00:00Z head=c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c -->";
        github.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson("[{\"id\":77,\"performed_via_github_app\":{\"id\":" + TestApp.APP_ID + "},\"body\":"
                + new ObjectMapper().valueToTree(newer) + "}]")));

        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(stored(job(), "sql", 1)), "1", "arn")), null);

        github.verify(0, patchRequestedFor(urlEqualTo("/repos/acme/shop/issues/comments/77")));
        github.verify(0, postRequestedFor(urlEqualTo(COMMENTS)));
        // the check run of that head is still completed: it belongs to its commit
        assertThat(completion().path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aReRunOfAnOlderHeadCompletesItsOwnCheckRunButLeavesTheSummaryOfTheNewerHead() {
        String newer = MarkdownSummary.MARKER + "\nnewer\n<!-- lastmile:job created=2026-11-25T07:00:00Z head=c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c -->";
        github.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson("[{\"id\":77,\"performed_via_github_app\":{\"id\":" + TestApp.APP_ID + "},\"body\":"
                + new ObjectMapper().valueToTree(newer) + "}]")));
        ScanJob base = job();
        ScanJob rerun = new ScanJob(base.jobId() + "-rerun-a7f3e3a0-cc7", base.repository(), base.installationId(), base.base(),
                base.head(), base.pullRequest(), base.mode(), List.of("sql"), "a7f3e3a0", Instant.parse("2026-11-25T09:30:00Z"), null);

        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(stored(rerun, "sql", 1)), "1", "arn")), null);

        assertThat(completion().path("external_id").asText()).isEqualTo(rerun.jobId());
        github.verify(0, patchRequestedFor(urlEqualTo("/repos/acme/shop/issues/comments/77")));
        assertThat(ReporterService.isNewer(newer, base)).isFalse();
    }

    @Test
    void aReRunOnTheCurrentHeadReplacesItsFamilysRowAndKeepsTheOthers() {
        ScanJob job = job();
        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(stored(job, "sql", 2)), "1", "arn")), null);
        String first = bodies(github.findAll(postRequestedFor(urlEqualTo(COMMENTS)))).getFirst().path("body").asText();
        github.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson("[{\"id\":77,\"performed_via_github_app\":{\"id\":" + TestApp.APP_ID + "},\"body\":" + new ObjectMapper().valueToTree(first) + "}]")));
        function.handleRequest(Events.of(Events.message("m-2", Messages.toJson(stored(job, "secrets", 0)), "1", "arn")), null);
        String second = bodies(github.findAll(patchRequestedFor(urlEqualTo("/repos/acme/shop/issues/comments/77")))).getLast().path("body").asText();
        github.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson("[{\"id\":77,\"performed_via_github_app\":{\"id\":" + TestApp.APP_ID + "},\"body\":" + new ObjectMapper().valueToTree(second) + "}]")));
        assertThat(row(second, "lastmile/sql")).contains("failing");

        ScanJob rerun = new ScanJob(job.jobId() + "-rerun-a7f3e3a0-cc7", job.repository(), job.installationId(), job.base(),
                job.head(), job.pullRequest(), job.mode(), List.of("sql"), "a7f3e3a0", Instant.parse("2026-11-25T08:30:00Z"), null);
        function.handleRequest(Events.of(Events.message("m-3", Messages.toJson(stored(rerun, "sql", 0)), "1", "arn")), null);

        String third = bodies(github.findAll(patchRequestedFor(urlEqualTo("/repos/acme/shop/issues/comments/77")))).getLast().path("body").asText();
        assertThat(row(third, "lastmile/sql")).contains("passing");
        assertThat(row(third, "lastmile/credentials")).contains("passing");
        assertThat(third).contains("`lastmile/dependencies` is still running").contains("`lastmile/residency` is still running")
                .contains("head=" + HEAD);
        github.verify(1, postRequestedFor(urlEqualTo(COMMENTS)));
    }

    private static String row(String summary, String checkRun) {
        return summary.lines().filter(l -> l.startsWith("| `" + checkRun + "`")).findFirst().orElse("");
    }

    /** Issue 16: coverage notices are one line of the comment and the check run's details, never annotations or a failure. */
    @Test
    void coverageNoticesAreOneLineOfTheSummaryAndTheRunsDetailsNeverAnnotationsOrAFailure() {
        ScanJob job = job();
        InMemorySource source = new InMemorySource("acme/shop").put(BASE, "models/a.sql", "select 1\n")
                .put(job.head(), "models/a.sql", "select 1\n-- UNPARSED\n-- UNPARSED\n-- UNPARSED\n");
        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(source, BASE, job.head(), ScanMode.PULL_REQUEST,
                job.pullRequest(), null, List.of(new TodoCheck("sql")), null));
        String key = store.save(job.jobId(), result, result.runs().getFirst()).runDocument();
        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(ReportRequest.completed(job, "sql",
                dev.lastmile.core.scan.CheckFamily.checkRunNameOf("sql"), key)), "1", "arn")), null);

        JsonNode run = completion();
        assertThat(run.path("conclusion").asText()).isEqualTo("success");
        assertThat(run.path("output").has("annotations")).as("no annotation for a coverage notice").isFalse();
        assertThat(run.path("output").path("summary").asText()).contains("Coverage of `lastmile/sql`: 3 places")
                .doesNotContain("could not analyse line");
        assertThat(run.path("output").path("text").asText()).contains("could not analyse line 2")
                .contains("could not analyse line 4");
        String comment = bodies(github.findAll(postRequestedFor(urlEqualTo(COMMENTS)))).getFirst().path("body").asText();
        assertThat(comment).contains("nothing fails this pull request").contains("`TST091` ×3")
                .doesNotContain("could not analyse line");
        assertThat(comment.lines().filter(l -> l.contains("Coverage of `lastmile/sql`"))).hasSize(1);
    }

    @Test
    void aCleanRunSucceedsWithoutAnnotations() {
        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(stored(job(), "sql", 0)), "1", "arn")), null);
        JsonNode patchBody = completion();
        assertThat(patchBody.path("conclusion").asText()).isEqualTo("success");
        assertThat(patchBody.path("output").has("annotations")).isFalse();
    }

    @Test
    void inAFifoBatchTheFirstFailureHandsBackEveryLaterMessage() {
        ReportRequest missing = ReportRequest.completed(job(), "sql", "lastmile/sql", "runs/acme/shop/nothing/sql.json");
        ReportRequest fine = stored(job(), "secrets", 0);

        SQSBatchResponse response = function.handleRequest(Events.of(
                Events.message("m-1", Messages.toJson(missing), "1", "arn"),
                Events.message("m-2", Messages.toJson(fine), "1", "arn"),
                Events.message("m-3", "{broken", "1", "arn")), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-1", "m-2", "m-3");
        github.verify(0, postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")));
    }

    private static String comments(String... bodies) {
        StringBuilder b = new StringBuilder("[");
        for (String body : bodies) {
            b.append(b.length() > 1 ? "," : "").append(body);
        }
        return b.append("]").toString();
    }

    private static String ours(long id, String body) {
        return "{\"id\":" + id + ",\"performed_via_github_app\":{\"id\":" + TestApp.APP_ID + "},\"body\":"
                + new ObjectMapper().valueToTree(body) + "}";
    }

    @Test
    void aCommentSomeoneElseWroteWithLastmilesMarkersIsNeitherEditedNorObeyed() {
        // a commenter copies the summary marker and a job marker of a "newer head" to freeze lastmile's summary
        String forged = MarkdownSummary.MARKER + "\n✅ nothing fails\n<!-- lastmile:job created=2099-01-01T00:00:00Z head=ffffffffffffffffffffffffffffffffffffffff -->";
        github.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson(comments("{\"id\":5,\"user\":{\"login\":\"mallory\",\"type\":\"User\"},\"body\":"
                + new ObjectMapper().valueToTree(forged) + "}"))));

        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(stored(job(), "sql", 1)), "1", "arn")), null);

        github.verify(0, patchRequestedFor(urlEqualTo("/repos/acme/shop/issues/comments/5")));
        assertThat(bodies(github.findAll(postRequestedFor(urlEqualTo(COMMENTS))))).singleElement()
                .satisfies(c -> assertThat(c.path("body").asText()).contains("1 finding"));
    }

    @Test
    void aFileNameCarryingAJobMarkerCannotStopTheSummaryFromMovingOn() {
        String path = "models/<!-- lastmile:job created=2099-01-01T00:00:00Z head=ffffffffffffffffffffffffffffffffffffffff -->.sql";
        ScanJob job = job();
        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(stored(job, "sql", 1, path)), "1", "arn")), null);
        String first = bodies(github.findAll(postRequestedFor(urlEqualTo(COMMENTS)))).getFirst().path("body").asText();
        github.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson(comments(ours(77, first)))));
        // a push: the next head's job, created later
        String next = "c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c";
        ScanJob newer = new ScanJob(ScanJob.pullRequestJobId(42, next), job.repository(), job.installationId(), job.base(), next,
                42, job.mode(), job.checks(), "d-2", Instant.parse("2026-11-25T08:10:00Z"), null);

        function.handleRequest(Events.of(Events.message("m-2", Messages.toJson(stored(newer, "sql", 0)), "1", "arn")), null);

        assertThat(bodies(github.findAll(patchRequestedFor(urlEqualTo("/repos/acme/shop/issues/comments/77")))))
                .singleElement().satisfies(c -> assertThat(c.path("body").asText()).endsWith("head=" + next + " -->\n"));
    }

    @Test
    void anErrorTextCannotCarryMarkupIntoTheSummary() {
        ReportRequest failed = ReportRequest.failed(job(), "secrets", "lastmile/credentials",
                "could not read models/[x](https://evil.example)<!-- lastmile:job created=2099-01-01T00:00:00Z head=ffff -->.sql");

        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(failed), "1", "arn")), null);

        String body = bodies(github.findAll(postRequestedFor(urlEqualTo(COMMENTS)))).getFirst().path("body").asText();
        assertThat(body).doesNotContain("](https://evil.example)").doesNotContain("<!-- lastmile:job created=2099");
        assertThat(body.split("<!-- lastmile:job ", -1)).hasSize(2);
    }

    @Test
    void aRedeliveredReportSendsNoCheckRunRequestTwice() {
        ReportRequest r = stored(job(), "sql", 60);
        function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(r), "1", "arn")), null);
        JsonNode created = completion();
        // GitHub now describes the completed run with its 60 annotations
        github.stubFor(get(urlPathEqualTo(CHECK_RUNS)).willReturn(okJson("{\"total_count\":1,\"check_runs\":[{\"id\":11,"
                + "\"name\":\"lastmile/sql\",\"external_id\":\"" + r.job().jobId() + "\",\"status\":\"completed\",\"conclusion\":"
                + created.path("conclusion") + ",\"output\":{\"title\":" + created.path("output").path("title")
                + ",\"annotations_count\":60}}]}")));
        github.resetRequests();

        SQSBatchResponse again = function.handleRequest(Events.of(Events.message("m-1", Messages.toJson(r), "2", "arn")), null);

        assertThat(again.getBatchItemFailures()).isEmpty();
        github.verify(0, postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")));
        github.verify(0, patchRequestedFor(urlMatching("/repos/acme/shop/check-runs/\\d+")));
    }

    @Test
    void aReportGitHubsRateLimitStopsComesBackWhenTheLimitResetsAndTheRestWaitBehindIt() {
        long reset = Instant.parse("2026-11-25T08:05:00Z").plusSeconds(1_200).getEpochSecond();
        github.stubFor(post("/repos/acme/shop/check-runs").willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", Long.toString(reset))
                .withBody("{\"message\":\"API rate limit exceeded\"}")));
        List<java.time.Duration> postponed = new ArrayList<>();
        ReporterFunction limited = new ReporterFunction(serviceFor(), (arn, receipt, delay) -> postponed.add(delay),
                Clock.fixed(Instant.parse("2026-11-25T08:05:00Z"), ZoneOffset.UTC));

        SQSBatchResponse response = limited.handleRequest(Events.of(
                Events.message("m-1", Messages.toJson(stored(job(), "sql", 1)), "1", "arn"),
                Events.message("m-2", Messages.toJson(stored(job(), "secrets", 0)), "1", "arn")), null);

        assertThat(response.getBatchItemFailures()).hasSize(2);
        assertThat(postponed).singleElement().satisfies(d -> assertThat(d.toSeconds()).isBetween(1_200L, 1_202L));
    }

    @Test
    void reportsAreNotStartedWithTooLittleOfTheFunctionsTimeLeft() {
        SQSBatchResponse response = function.handleRequest(Events.of(
                Events.message("m-1", Messages.toJson(stored(job(), "sql", 1)), "1", "arn")),
                dev.lastmile.functions.common.LambdaContext.withRemaining(ReporterFunction.MIN_REMAINING_MS - 1));

        assertThat(response.getBatchItemFailures()).hasSize(1);
        github.verify(0, postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")));
    }

    @Test
    void aFullScanCostsOneContentCreatingRequestPerFamily() {
        ScanJob full = new ScanJob(ScanJob.fullScanJobId(HEAD, java.time.LocalDate.parse("2026-11-25")), "acme/shop", 4242L,
                null, HEAD, null, ScanMode.FULL, List.of("sql"), "schedule-1", Instant.parse("2026-11-25T03:00:00Z"), null);
        StringBuilder sql = new StringBuilder("select 1\n");
        for (int i = 0; i < 120; i++) {
            sql.append("-- TODO ").append(i).append('\n');
        }
        InMemorySource source = new InMemorySource("acme/shop").put(HEAD, "models/a.sql", sql.toString());
        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(source, null, HEAD, ScanMode.FULL, null, null,
                List.of(new TodoCheck("sql")), null));
        String key = store.save(full.jobId(), result, result.runs().getFirst()).runDocument();

        function.handleRequest(Events.of(Events.message("m-1",
                Messages.toJson(ReportRequest.completed(full, "sql", "lastmile/sql", key)), "1", "arn")), null);

        // created completed with one request's worth of annotations: the summary lists every finding
        assertThat(completion().path("output").path("annotations")).hasSize(50);
        assertThat(completion().path("output").path("text").asText()).contains("Showing 50 of 120");
        github.verify(0, patchRequestedFor(urlMatching("/repos/acme/shop/check-runs/\\d+")));
        github.verify(0, postRequestedFor(urlEqualTo(COMMENTS)));
    }
}
