package dev.lastmile.functions.common;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.github.TestApp;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How a check function marks its run started, against a WireMock GitHub. */
class GitHubAccessTest {

    static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    static final String RUNS = "/repos/acme/shop/commits/" + HEAD + "/check-runs";

    @RegisterExtension
    static final WireMockExtension github = WireMockExtension.newInstance().options(options().dynamicPort()).build();
    private CheckRunStatus status;

    @BeforeEach
    void setUp() {
        TestApp.stubInstallationToken(github);
        github.stubFor(patch(urlEqualTo("/repos/acme/shop/check-runs/4")).willReturn(okJson("{\"id\":4}")));
        status = new GitHubAccess(TestApp.http(URI.create(github.baseUrl()), null, new TestApp.RecordingSleeper()),
                TestApp.APP_ID, TestApp.pkcs1Pem()).checkRunStatus();
    }

    static ScanJob job() {
        return Messages.scanJob(Events.json("sqs-scan-job.json").path("Records").get(0).path("body").asText());
    }

    private static void runIs(String status) {
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson("{\"total_count\":1,\"check_runs\":[{\"id\":4,"
                + "\"name\":\"lastmile/sql\",\"external_id\":\"" + job().jobId() + "\",\"status\":\"" + status + "\"}]}")));
    }

    @Test
    void aQueuedRunIsMarkedInProgress() {
        runIs("queued");
        status.started(job(), "lastmile/sql");
        github.verify(1, patchRequestedFor(urlEqualTo("/repos/acme/shop/check-runs/4")));
    }

    @Test
    void aJobDeliveredAgainAfterItsReportLeavesItsCompletedRunCompleted() {
        runIs("completed");
        status.started(job(), "lastmile/sql");
        github.verify(0, patchRequestedFor(urlEqualTo("/repos/acme/shop/check-runs/4")));
    }

    @Test
    void aFullScanSendsNothingBeforeItsReport() {
        ScanJob p = job();
        ScanJob full = new ScanJob(ScanJob.fullScanJobId(HEAD, java.time.LocalDate.parse("2026-11-25")), p.repository(),
                p.installationId(), null, HEAD, null, ScanMode.FULL, List.of("sql"), "schedule", Instant.EPOCH, null);
        github.resetRequests();
        status.started(full, "lastmile/sql");
        github.verify(0, anyRequestedFor(anyUrl()));
    }
}
