package dev.lastmile.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsMessageSenderTest {

    private static ElasticMqFixture sqs;

    @BeforeAll
    static void start() {
        sqs = ElasticMqFixture.start();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    @Test
    void aScanJobSentToAStandardQueueDecodesOnTheOtherSide() {
        String url = sqs.createQueue("sql-jobs");
        new SqsMessageSender(sqs.client()).send(url, Messages.toJson(MessagesTest.prJob()), null, null);

        List<Message> got = sqs.receive(url);
        assertThat(got).hasSize(1);
        assertThat(Messages.scanJob(got.getFirst().body())).isEqualTo(MessagesTest.prJob());
    }

    @Test
    void manyMessagesGoOutInBatchesOfTenAndEveryOneArrives() {
        String url = sqs.createQueue("batched-jobs");
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            bodies.add("{\"n\":" + i + "}");
        }
        bodies.add("x".repeat(Messages.MAX_BYTES + 1)); // too large for SQS: reported back, the others still sent
        List<String> failed = new SqsMessageSender(sqs.client()).sendAll(url, bodies);
        assertThat(failed).singleElement().asString().hasSize(Messages.MAX_BYTES + 1);

        java.util.Set<String> received = new java.util.HashSet<>();
        for (int round = 0; round < 10 && received.size() < 25; round++) {
            sqs.receive(url).forEach(m -> received.add(m.body()));
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(bodies.subList(0, 25));
    }

    @Test
    void reportsToAFifoQueueAreGroupedByPullRequestAndDeduplicated() {
        String url = sqs.createQueue("reports.fifo");
        SqsMessageSender sender = new SqsMessageSender(sqs.client());
        ReportRequest r = ReportRequest.completed(MessagesTest.prJob(), "sql", "lastmile/sql", "runs/acme/shop/j/sql.json");

        sender.send(url, Messages.toJson(r), r.messageGroupId(), r.deduplicationId());
        sender.send(url, Messages.toJson(r), r.messageGroupId(), r.deduplicationId());

        List<Message> got = sqs.receive(url);
        assertThat(got).hasSize(1);
        assertThat(got.getFirst().attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "acme/shop#42");
    }

    @Test
    void refusesOversizedMessagesAndMissingQueues() {
        SqsMessageSender sender = new SqsMessageSender(sqs.client());
        assertThatThrownBy(() -> sender.send(" ", "{}", null, null)).hasMessageContaining("queue URL");
        String url = sqs.createQueue("big");
        assertThatThrownBy(() -> sender.send(url, "x".repeat(Messages.MAX_BYTES + 1), null, null)).hasMessageContaining("256 KB");
    }
}
