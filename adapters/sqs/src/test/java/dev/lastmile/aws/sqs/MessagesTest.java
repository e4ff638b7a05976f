package dev.lastmile.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.scan.ScanMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesTest {

    static ScanJob prJob() {
        String head = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
        return new ScanJob(ScanJob.pullRequestJobId(42, head), "acme/shop", 4242L,
                "9049f1265b7d61be4a8904a9a27120d2064dab3b", head, 42, ScanMode.PULL_REQUEST,
                List.of("sql", "secrets"), "72d3162e-cc78-11e3-81ab-4c9367dc0958", Instant.parse("2026-11-25T08:00:00Z"), null);
    }

    @Test
    void scanJobRoundTrips() {
        ScanJob job = prJob();
        String json = Messages.toJson(job);
        assertThat(json).contains("\"mode\":\"pull-request\"").contains("\"v\":1");
        assertThat(Messages.scanJob(json)).isEqualTo(job);
    }

    @Test
    void aDraftJobRoundTripsAndAnUnknownDraftModeIsRefused() {
        ScanJob p = prJob();
        for (ScanJob.Draft d : ScanJob.Draft.values()) {
            ScanJob job = new ScanJob(p.jobId(), p.repository(), p.installationId(), p.base(), p.head(), p.pullRequest(),
                    p.mode(), p.checks(), p.deliveryId(), p.createdAt(), null, d);
            assertThat(Messages.scanJob(Messages.toJson(job))).isEqualTo(job);
        }
        assertThat(Messages.toJson(p)).doesNotContain("draft");
        String bad = Messages.toJson(p).replace("\"mode\"", "\"draft\":\"maybe\",\"mode\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Messages.scanJob(bad))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("draft must be");
    }

    @Test
    void fullScanJobWithLocalPathRoundTrips() {
        ScanJob job = new ScanJob(ScanJob.fullScanJobId("ABCDEF1"), "acme/shop", null, null, "abcdef1", null,
                ScanMode.FULL, List.of("sql"), "schedule", Instant.parse("2026-11-25T08:00:00Z"), "/tmp/repo");
        assertThat(job.jobId()).isEqualTo("full-abcdef1");
        assertThat(Messages.scanJob(Messages.toJson(job))).isEqualTo(job);
    }

    @Test
    void reportRequestRoundTripsAndGroupsByPullRequest() {
        ReportRequest r = ReportRequest.completed(prJob(), "sql", "lastmile/sql", "runs/acme/shop/x/sql.json");
        ReportRequest back = Messages.reportRequest(Messages.toJson(r));
        assertThat(back).isEqualTo(r);
        assertThat(back.messageGroupId()).isEqualTo("acme/shop#42");
        assertThat(back.deduplicationId()).endsWith(":sql:ok").hasSizeLessThanOrEqualTo(128);

        ReportRequest failed = ReportRequest.failed(prJob(), "secrets", null, "source unavailable");
        assertThat(Messages.reportRequest(Messages.toJson(failed))).isEqualTo(failed);
        assertThat(failed.checkRunName()).isEqualTo("lastmile/secrets");
    }

    @Test
    void unknownFieldsAreIgnoredSoNewerProducersDoNotBreakOlderConsumers() {
        String json = Messages.toJson(prJob()).replace("{\"v\":1,", "{\"v\":1,\"future\":{\"x\":1},");
        assertThat(Messages.scanJob(json)).isEqualTo(prJob());
    }

    @Test
    void invalidMessagesNameTheField() {
        String ok = Messages.toJson(prJob());
        assertThatThrownBy(() -> Messages.scanJob("not json")).isInstanceOf(MalformedMessageException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Messages.scanJob("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> Messages.scanJob(ok.replace("\"pull-request\"", "\"sometimes\""))).hasMessageContaining("mode");
        assertThatThrownBy(() -> Messages.scanJob(ok.replace("\"acme/shop\"", "\"../../etc\""))).hasMessageContaining("repository");
        assertThatThrownBy(() -> Messages.scanJob(ok.replace("\"pullRequest\":42", "\"pullRequest\":\"42\""))).hasMessageContaining("pullRequest");
        assertThatThrownBy(() -> Messages.scanJob(ok.replace("\"installationId\":4242,", ""))).hasMessageContaining("installationId");
        assertThatThrownBy(() -> Messages.scanJob(ok.replace("[\"sql\",\"secrets\"]", "[]"))).hasMessageContaining("checks");
        assertThatThrownBy(() -> Messages.scanJob(ok.replace("\"v\":1", "\"v\":9"))).hasMessageContaining("version");
        assertThatThrownBy(() -> Messages.scanJob(ok.replace("2026-11-25T08:00:00Z", "yesterday"))).hasMessageContaining("createdAt");
        assertThatThrownBy(() -> Messages.reportRequest("{\"check\":\"sql\"}")).hasMessageContaining("job");
    }

    @Test
    void fifoIdsOfTheLongestRepositoryNamesStayWithinSqsLimitAndApart() {
        String owner = "o".repeat(100);
        String head = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
        List<String> groups = new java.util.ArrayList<>();
        List<String> dedups = new java.util.ArrayList<>();
        for (String name : List.of("a".repeat(100), "a".repeat(99) + "b")) {
            for (Integer pr : java.util.Arrays.asList(7, null)) {
                ScanJob job = new ScanJob(pr == null ? ScanJob.fullScanJobId(head) : ScanJob.pullRequestJobId(pr, head),
                        owner + "/" + name, 1L, pr == null ? null : head, head, pr,
                        pr == null ? ScanMode.FULL : ScanMode.PULL_REQUEST, List.of("sql"), "d", null, null);
                ReportRequest r = ReportRequest.completed(job, "sql", null, "runs/x.json");
                groups.add(r.messageGroupId());
                dedups.add(r.deduplicationId());
            }
        }
        assertThat(groups).allSatisfy(g -> assertThat(g).hasSizeLessThanOrEqualTo(ReportRequest.MAX_FIFO_ID)
                .matches("[\\p{Alnum}\\p{Punct}]+")).doesNotHaveDuplicates();
        assertThat(dedups).allSatisfy(d -> assertThat(d).hasSizeLessThanOrEqualTo(ReportRequest.MAX_FIFO_ID));
        // short ids are kept as they are, readable in the console
        assertThat(ReportRequest.completed(prJob(), "sql", null, "runs/x.json").messageGroupId()).isEqualTo("acme/shop#42");
    }

    @Test
    void aPullRequestJobIdNamesItsPullRequestAndHeadWhateverItsSuffixes() {
        String head = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
        assertThat(ScanJob.pullRequestOf(ScanJob.pullRequestJobId(42, head) + "-rerun-72d3162e-cc7"))
                .contains(new ScanJob.PullRequestHead(42, head, "pr-42-" + head));
        assertThat(ScanJob.pullRequestOf(ScanJob.draftJobId(42, head)))
                .contains(new ScanJob.PullRequestHead(42, head, "pr-42-" + head + "-draft"));
        assertThat(ScanJob.pullRequestOf(ScanJob.fullScanJobId(head, java.time.LocalDate.parse("2026-11-25")))).isEmpty();
        assertThat(ScanJob.pullRequestOf("pr-42-" + head + "; rm -rf")).isEmpty();
        assertThat(ScanJob.pullRequestOf(null)).isEmpty();
    }
}
