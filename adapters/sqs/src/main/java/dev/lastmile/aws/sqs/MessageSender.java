package dev.lastmile.aws.sqs;

/** Puts one message on a queue. The functions depend on this, not on the SDK, so a test can watch what was sent. */
public interface MessageSender {

    /**
     * @param queueUrl        the queue
     * @param body            the message, at most 256 KB
     * @param groupId         the FIFO message group, or null for a standard queue
     * @param deduplicationId the FIFO deduplication id, or null
     */
    void send(String queueUrl, String body, String groupId, String deduplicationId);
}
