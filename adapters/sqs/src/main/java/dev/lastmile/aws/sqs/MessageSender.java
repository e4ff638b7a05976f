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

    /**
     * Sends several messages to one standard queue in as few requests as the queue allows. Returns the bodies that
     * could not be sent (the rest were), so a caller can report or retry exactly those.
     */
    default java.util.List<String> sendAll(String queueUrl, java.util.List<String> bodies) {
        java.util.List<String> failed = new java.util.ArrayList<>();
        for (String body : bodies) {
            try {
                send(queueUrl, body, null, null);
            } catch (RuntimeException e) {
                failed.add(body);
            }
        }
        return failed;
    }
}
