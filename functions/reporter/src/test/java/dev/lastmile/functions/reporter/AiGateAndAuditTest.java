package dev.lastmile.functions.reporter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.aws.sqs.ReportRequest;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.provenance.CommitProvenance;
import dev.lastmile.core.provenance.Evidence;
import dev.lastmile.core.provenance.Provenance;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.store.AuditRecord;
import dev.lastmile.core.store.AuditTrail;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.functions.common.TodoCheck;
import dev.lastmile.github.GitHubApi;
import dev.lastmile.github.GitHubHttp;
import dev.lastmile.github.TestApp;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The stricter gate for AI-assisted changes and the audit trail, against S3Proxy and a WireMock GitHub. */
class AiGateAndAuditTest {

    static final String BASE = ReporterFunctionTest.BASE;
    static final String HEAD = ReporterFunctionTest.HEAD;
    static final Provenance AI = Provenance.of(List.of(new CommitProvenance(HEAD, true,
            List.of(new Evidence(Evidence.Kind.TRAILER, "Claude Code", "Co-authored-by: Claude <noreply@anthropic.com>")))));

    private static S3ProxyFixture s3proxy;
    private static S3Client s3;
    private static WireMockServer github;
    private static int counter;
    private FindingsStore store;

    @BeforeAll
    static void start() {
        s3proxy = S3ProxyFixture.start();
        s3 = s3proxy.createBucket("audit");
        github = new WireMockServer(options().dynamicPort());
        github.start();
    }

    @AfterAll
    static void stop() {
        s3.close();
        s3proxy.close();
        github.stop();
    }

    @AfterEach
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
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/issues/42/comments")).willReturn(okJson("[]")));
        github.stubFor(post("/repos/acme/shop/issues/42/comments").willReturn(aResponse().withStatus(201).withBody("{\"id\":77}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls/42"))
                .willReturn(okJson("{\"number\":42,\"user\":{\"login\":\"octocat\",\"type\":\"User\"}}")));
        reviews("{\"id\":1,\"user\":{\"login\":\"alice\",\"type\":\"User\"},\"state\":\"APPROVED\",\"submitted_at\":\"2026-11-25T08:01:00Z\"}",
                "{\"id\":2,\"user\":{\"login\":\"octocat\",\"type\":\"User\"},\"state\":\"APPROVED\",\"submitted_at\":\"2026-11-25T08:02:00Z\"}");
        store = new FindingsStore(new S3ObjectStore(s3, "audit", "r" + counter));
    }

    private static void reviews(String... reviews) {
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls/42/reviews")).willReturn(okJson("[" + String.join(",", reviews) + "]")));
    }

    private ReporterService service(ReporterService.HeadFacts facts) {
        // later than the runs the engine stores now: a review comes after the checks it re-evaluates
        Clock clock = Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC);
        GitHubHttp http = TestApp.http(URI.create(github.baseUrl()), clock, new TestApp.RecordingSleeper());
        return new ReporterService(store, id -> new GitHubApi(http, TestApp.tokens(http), id), clock, docs -> facts, null);
    }

    private static ScanJob job() {
        return new ScanJob("pr-42-" + HEAD, "acme/shop", 4242L, BASE, HEAD, 42, ScanMode.PULL_REQUEST, List.of("sql"),
                "d-1", Instant.parse("2026-11-25T08:00:00Z"), null);
    }

    private ReportRequest stored(ScanJob job) {
        InMemorySource source = new InMemorySource("acme/shop").put(BASE, "models/a.sql", "select 1\n")
                .put(HEAD, "models/a.sql", "select 1\n-- TODO one\n");
        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(source, BASE, HEAD, ScanMode.PULL_REQUEST, 42, null,
                List.of(new TodoCheck("sql")), null));
        String key = store.save(job.jobId(), result, result.runs().getFirst()).runDocument();
        return ReportRequest.completed(job, "sql", CheckFamily.checkRunNameOf("sql"), key);
    }

    private static JsonNode gateRun() throws Exception {
        for (var r : github.findAll(postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")))) {
            JsonNode body = new ObjectMapper().readTree(r.getBodyAsString());
            if (body.path("name").asText().equals(ReporterService.AI_GATE_CHECK_RUN)) {
                return body;
            }
        }
        throw new AssertionError("no " + ReporterService.AI_GATE_CHECK_RUN + " check run");
    }

    @Test
    void anAiAssistedChangeShortOfApprovalsFailsTheGateInWordsAboutTheChangeAndIsAudited() throws Exception {
        ReporterService reporter = service(new ReporterService.HeadFacts(AI, "sha256:abc", Severity.MEDIUM, 2));
        ReportRequest report = stored(job());
        reporter.report(report);

        JsonNode gate = gateRun();
        assertThat(gate.path("conclusion").asText()).isEqualTo("failure");
        assertThat(gate.path("output").path("title").asText())
                .isEqualTo("AI-assisted change: stricter policy applied (fail_on medium, 2 human approvals required, 1 given)");
        assertThat(gate.path("output").path("summary").asText()).contains("trailer: Claude Code")
                .doesNotContain("octocat").doesNotContain("alice");

        List<AuditRecord> trail = new AuditTrail(store.objects()).read(new AuditTrail.Query("acme/shop", 42, null)).records();
        assertThat(trail).singleElement().satisfies(r -> {
            assertThat(r.event()).isEqualTo(AuditRecord.Event.CHECKS_COMPLETED);
            assertThat(r.provenance().aiAuthored()).isTrue();
            assertThat(r.policyHash()).isEqualTo("sha256:abc");
            assertThat(r.checks()).extracting(AuditRecord.CheckEntry::check).containsExactly("sql");
            assertThat(r.findings()).hasSize(1);
            assertThat(r.approvals().required()).isEqualTo(2);
            assertThat(r.approvals().given()).extracting(AuditRecord.Approval::login).containsExactly("alice");
            assertThat(r.gate()).startsWith("AI-assisted change");
        });

        reporter.report(report); // the same message again (a retry)
        assertThat(new AuditTrail(store.objects()).read(new AuditTrail.Query("acme/shop", 42, null)).records())
                .as("a retried report appends nothing").hasSize(1);

        // a second person approves: the review event re-evaluates the gate from the stored run, no rescan
        reviews("{\"id\":1,\"user\":{\"login\":\"alice\",\"type\":\"User\"},\"state\":\"APPROVED\",\"submitted_at\":\"2026-11-25T08:01:00Z\"}",
                "{\"id\":3,\"user\":{\"login\":\"bob\",\"type\":\"User\"},\"state\":\"APPROVED\",\"submitted_at\":\"2026-11-25T08:04:00Z\"}");
        github.resetRequests();
        ReporterService.Outcome o = reporter.report(ReportRequest.review(job(), "delivery-9"));
        assertThat(o.conclusion()).isEqualTo("success");
        assertThat(gateRun().path("output").path("title").asText()).endsWith("2 human approvals required, 2 given)");
        List<AuditRecord> after = new AuditTrail(store.objects()).read(new AuditTrail.Query("acme/shop", 42, null)).records();
        assertThat(after).extracting(AuditRecord::event).containsExactly(AuditRecord.Event.CHECKS_COMPLETED, AuditRecord.Event.REVIEW);
        assertThat(after.getLast().approvals().satisfied()).isTrue();
    }

    @Test
    void theReporterReadsTheGateFromTheStoredRunDocumentsOfAScanOfAnAiAuthoredCommit() throws Exception {
        // no facts handed in: the head's provenance, provenance.ai and policy hash come from what the check stored
        String policy = "provenance:\n  ai:\n    fail_on: medium\n    require_human_approvals: 2\n";
        InMemorySource source = new InMemorySource("acme/shop")
                .put(BASE, "models/a.sql", "select 1\n").put(BASE, ".lastmile.yml", policy)
                .put(HEAD, "models/a.sql", "select 1\n-- TODO one\n").put(HEAD, ".lastmile.yml", policy)
                .commitInfo(HEAD, dev.lastmile.core.source.CommitInfo.of(HEAD,
                        dev.lastmile.core.source.CommitInfo.Identity.of("Ada", "ada@example.com"),
                        "Add a TODO\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"));
        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(source, BASE, HEAD, ScanMode.PULL_REQUEST, 42, null,
                List.of(new TodoCheck("sql")), null));
        String key = store.save(job().jobId(), result, result.runs().getFirst()).runDocument();
        Clock clock = Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC);
        GitHubHttp http = TestApp.http(URI.create(github.baseUrl()), clock, new TestApp.RecordingSleeper());
        ReporterService reporter = new ReporterService(store, id -> new GitHubApi(http, TestApp.tokens(http), id), clock,
                ReporterService.HeadFacts::of, null);

        reporter.report(ReportRequest.completed(job(), "sql", CheckFamily.checkRunNameOf("sql"), key));

        assertThat(gateRun().path("output").path("title").asText())
                .isEqualTo("AI-assisted change: stricter policy applied (fail_on medium, 2 human approvals required, 1 given)");
        assertThat(new AuditTrail(store.objects()).read(new AuditTrail.Query("acme/shop", 42, null)).records())
                .singleElement().satisfies(r -> {
                    assertThat(r.provenance().aiAuthored()).isTrue();
                    assertThat(r.policyHash()).isEqualTo(AuditRecord.policyHash(policy));
                    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.authoredBy()).isEqualTo(dev.lastmile.core.provenance.AuthoredBy.AI));
                });
    }

    @Test
    void aPersonsChangeGetsNoGateRunAndNoReviewRequests() throws Exception {
        ReporterService reporter = service(new ReporterService.HeadFacts(Provenance.of(List.of(
                new CommitProvenance(HEAD, false, List.of()))), null, Severity.MEDIUM, 2));
        reporter.report(stored(job()));
        assertThat(github.findAll(postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs"))))
                .extracting(r -> new ObjectMapper().readTree(r.getBodyAsString()).path("name").asText())
                .containsExactly("lastmile/sql");
        github.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/repos/acme/shop/pulls/42/reviews")));
        assertThat(new AuditTrail(store.objects()).read(new AuditTrail.Query("acme/shop", 42, null)).records())
                .singleElement().satisfies(r -> assertThat(r.gate()).isNull());
    }
}
