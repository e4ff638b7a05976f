package dev.lastmile.functions.residency;

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
import dev.lastmile.functions.common.DemoRepository;
import dev.lastmile.functions.common.Events;
import dev.lastmile.functions.common.Wiring;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The residency function over the demo pull request, fed the root events/sqs-scan-job.json, against S3Proxy and ElasticMQ. */
class ResidencyCheckFunctionTest {

    private static S3ProxyFixture s3proxy;
    private static ElasticMqFixture sqs;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        s3proxy = S3ProxyFixture.start();
        sqs = ElasticMqFixture.start();
        s3 = s3proxy.createBucket("findings");
    }

    @AfterAll
    static void stop() {
        s3.close();
        s3proxy.close();
        sqs.close();
    }

    @Test
    void theDemoPullRequestIsScannedStoredAndReported() {
        FindingsStore store = new FindingsStore(new S3ObjectStore(s3, "findings", "lastmile"));
        String reports = sqs.createQueue("reports.fifo");
        Wiring wiring = new Wiring(store, new SqsMessageSender(sqs.client()), reports,
                job -> DemoRepository.load(job.repository()), null, 3);

        SQSBatchResponse response = new ResidencyCheckFunction(wiring).handleRequest(Events.sqs("sqs-scan-job.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<ReportRequest> sent = sqs.receive(reports).stream().map(m -> Messages.reportRequest(m.body())).toList();
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.check()).isEqualTo("residency");
            assertThat(r.checkRunName()).isEqualTo("lastmile/residency");
        });
        JsonNode run = store.readRun(sent.getFirst().runDocumentKey()).orElseThrow();
        assertThat(run.path("check").asText()).isEqualTo("residency");
        assertThat(run.path("repository").asText()).isEqualTo("acme/shop");
        assertThat(run.path("head").asText()).isEqualTo(DemoRepository.HEAD);
    }
}
