package dev.lastmile.aws.sqs;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** {@link MessageSender} on the SDK's SQS client; FIFO queues (URL ending {@code .fifo}) get a group and dedup id. */
public final class SqsMessageSender implements MessageSender {

    private final SqsClient sqs;

    public SqsMessageSender(SqsClient sqs) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
    }

    @Override
    public void send(String queueUrl, String body, String groupId, String deduplicationId) {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("no queue URL configured");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > Messages.MAX_BYTES) {
            throw new IllegalArgumentException("message of " + body.length() + " characters exceeds SQS's 256 KB");
        }
        SendMessageRequest.Builder b = SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body);
        if (queueUrl.endsWith(".fifo")) {
            b.messageGroupId(Objects.requireNonNull(groupId, "a FIFO queue needs a message group"));
            if (deduplicationId != null) {
                b.messageDeduplicationId(deduplicationId);
            }
        }
        sqs.sendMessage(b.build());
    }
}
