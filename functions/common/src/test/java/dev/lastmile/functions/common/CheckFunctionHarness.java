package dev.lastmile.functions.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.aws.sqs.ElasticMqFixture;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ReportRequest;
import dev.lastmile.aws.sqs.SqsMessageSender;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.core.store.RunDocument;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The contract every check function module proves with its own handler: fed the root {@code events/sqs-scan-job.json}
 * over the demo pull request, against S3Proxy and ElasticMQ, it scans, stores its run and reports it.
 */
public final class CheckFunctionHarness {

    private CheckFunctionHarness() {
    }

    /**
     * Runs {@code function} on the sample scan job, checks the report message and the stored run's identity, and
     * returns the stored run for the caller to judge its findings and incomplete notes.
     */
    public static RunDocument assertScansStoresAndReportsTheDemoPullRequest(Function<Wiring, CheckFunction> function,
                                                                            CheckFamily family) {
        String check = family.check();
        String checkRunName = family.checkRunName();
        try (S3ProxyFixture s3proxy = S3ProxyFixture.start(); ElasticMqFixture sqs = ElasticMqFixture.start();
             S3Client s3 = s3proxy.createBucket("findings")) {
            FindingsStore store = new FindingsStore(new S3ObjectStore(s3, "findings", "lastmile"));
            String reports = sqs.createQueue("reports.fifo");
            Wiring wiring = new Wiring(store, new SqsMessageSender(sqs.client()), reports,
                    job -> DemoRepository.load(job.repository()), null, 3);

            SQSBatchResponse response = function.apply(wiring).handleRequest(Events.sqs("sqs-scan-job.json"), null);

            assertThat(response.getBatchItemFailures()).isEmpty();
            List<ReportRequest> sent = sqs.receive(reports).stream().map(m -> Messages.reportRequest(m.body())).toList();
            assertThat(sent).singleElement().satisfies(r -> {
                assertThat(r.error()).isNull();
                assertThat(r.check()).isEqualTo(check);
                assertThat(r.checkRunName()).isEqualTo(checkRunName);
            });
            RunDocument run = store.readRun(sent.getFirst().runDocumentKey()).orElseThrow();
            assertThat(run.check()).isEqualTo(check);
            assertThat(run.repository()).isEqualTo("acme/shop");
            assertThat(run.head()).isEqualTo(DemoRepository.HEAD);
            assertThat(run.pullRequest()).isEqualTo(42);
            assertThat(run.isNotEnabled()).isFalse();
            assertThat(run.run().findings()).as("every finding is the family's").allSatisfy(f -> {
                assertThat(f.check()).isEqualTo(check);
                assertThat(f.fingerprint()).isNotBlank();
            });
            return run;
        }
    }

    /** The run's findings on lines the pull request changed, as {@code RULE path:line}, sorted. */
    public static List<String> newFindings(RunDocument run) {
        return run.run().findings().stream().filter(f -> f.status() == FindingStatus.NEW)
                .map(f -> f.ruleId() + " " + f.path() + ":" + f.line()).sorted().toList();
    }
}
