package dev.lastmile.functions.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.aws.sqs.ElasticMqFixture;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ReportRequest;
import dev.lastmile.aws.sqs.SqsMessageSender;
import dev.lastmile.core.store.FindingsStore;
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

    /** Runs {@code function} on the sample scan job and checks the stored run and the report message. */
    public static void assertScansStoresAndReportsTheDemoPullRequest(Function<Wiring, CheckFunction> function,
                                                                     String check, String checkRunName) {
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
            JsonNode run = store.readRun(sent.getFirst().runDocumentKey()).orElseThrow();
            assertThat(run.path("check").asText()).isEqualTo(check);
            assertThat(run.path("repository").asText()).isEqualTo("acme/shop");
            assertThat(run.path("head").asText()).isEqualTo(DemoRepository.HEAD);
        }
    }
}
