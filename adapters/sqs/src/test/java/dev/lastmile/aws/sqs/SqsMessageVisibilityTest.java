package dev.lastmile.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A message handed back for a given time, against ElasticMQ, found by the queue ARN a Lambda event carries. */
class SqsMessageVisibilityTest {

    private static ElasticMqFixture sqs;

    @BeforeAll
    static void start() {
        sqs = ElasticMqFixture.start();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    private static Message receiveOne(String url) {
        return sqs.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(300)).messages()
                .stream().findFirst().orElse(null);
    }

    @Test
    void aPostponedMessageComesBackAfterTheGivenTimeNotTheQueuesTimeout() {
        String url = sqs.createQueue("postponed");
        String arn = sqs.client().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("job"));
        Message first = receiveOne(url);
        assertThat(receiveOne(url)).isNull(); // invisible for the 300 s it was received with

        new SqsMessageVisibility(sqs.client(), sqs.endpoint()).postpone(arn, first.receiptHandle(), Duration.ZERO);

        assertThat(receiveOne(url)).isNotNull().extracting(Message::body).isEqualTo("job");
    }

    @Test
    void theQueueUrlIsDerivedFromTheArnAndTheDelayClampedToWhatSqsAccepts() {
        assertThat(SqsMessageVisibility.queueUrl("arn:aws:sqs:eu-west-1:123456789012:lastmile-reports.fifo", null))
                .isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/lastmile-reports.fifo");
        assertThat(SqsMessageVisibility.queueUrl("arn:aws:sqs:us-east-1:000000000000:q", URI.create("http://127.0.0.1:9324/")))
                .isEqualTo("http://127.0.0.1:9324/000000000000/q");
        assertThatThrownBy(() -> SqsMessageVisibility.queueUrl("arn", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MessageVisibility.seconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(MessageVisibility.seconds(Duration.ofSeconds(-5))).isZero();
        assertThat(MessageVisibility.seconds(Duration.ofDays(2))).isEqualTo(43_199);
    }
}
