package dev.lastmile.aws.sqs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
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

    /** SQS's batch limits: ten messages and 256 KB a request. */
    static final int BATCH_SIZE = 10;
    static final int BATCH_BYTES = 256 * 1024;

    /** {@code SendMessageBatch}: ten messages a request (fewer when they would pass 256 KB together). */
    @Override
    public List<String> sendAll(String queueUrl, List<String> bodies) {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("no queue URL configured");
        }
        List<String> failed = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int bytes = 0;
        for (String body : bodies) {
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            if (size > Messages.MAX_BYTES) {
                failed.add(body);
                continue;
            }
            if (batch.size() == BATCH_SIZE || bytes + size > BATCH_BYTES) {
                failed.addAll(sendBatch(queueUrl, batch));
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(body);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            failed.addAll(sendBatch(queueUrl, batch));
        }
        return failed;
    }

    private List<String> sendBatch(String queueUrl, List<String> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(batch.get(i)).build());
        }
        try {
            SendMessageBatchResponse r = sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl)
                    .entries(entries).build());
            List<String> failed = new ArrayList<>();
            r.failed().forEach(f -> failed.add(batch.get(Integer.parseInt(f.id().substring(1)))));
            return failed;
        } catch (RuntimeException e) {
            return batch;
        }
    }
}
