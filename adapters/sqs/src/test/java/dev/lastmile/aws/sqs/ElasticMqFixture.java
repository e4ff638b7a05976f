package dev.lastmile.aws.sqs;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ on a free local port: the SQS query/JSON protocol, spoken to by the real SDK client. Shared with the
 * function modules through this module's test-jar.
 */
public final class ElasticMqFixture implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private ElasticMqFixture(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = SqsClients.forEndpoint(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")));
    }

    public static ElasticMqFixture start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new ElasticMqFixture(server, URI.create("http://127.0.0.1:" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    public SqsClient client() {
        return client;
    }

    public String createQueue(String name) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        if (name.endsWith(".fifo")) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        return client.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /** A queue whose messages move to {@code dlqUrl} after {@code maxReceives} receives, as the template sets up. */
    public String createQueueWithDeadLetter(String name, String dlqUrl, int maxReceives) {
        String dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"" + maxReceives + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}");
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, "0");
        if (name.endsWith(".fifo")) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        return client.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /** Receives up to ten messages without waiting, with message attributes and the receive count. */
    public List<Message> receive(String queueUrl) {
        return client.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                .messageSystemAttributeNamesWithStrings("All")).messages();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
