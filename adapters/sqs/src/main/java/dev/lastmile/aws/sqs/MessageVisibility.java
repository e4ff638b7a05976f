package dev.lastmile.aws.sqs;

import java.time.Duration;

/**
 * Hands a received message back to its queue for a given time ({@code ChangeMessageVisibility}): a job GitHub's rate
 * limit stops comes back when the limit resets, not after the queue's fixed visibility timeout (which, repeated,
 * would send it to the dead-letter queue while the limit still holds).
 */
public interface MessageVisibility {

    /** SQS's longest visibility timeout: twelve hours. */
    Duration MAX = Duration.ofHours(12);

    /** Does nothing: the queue's own visibility timeout applies (tests, sam local). */
    MessageVisibility NONE = (queueArn, receiptHandle, delay) -> {
    };

    /**
     * @param queueArn      the queue's ARN, as the Lambda event names it ({@code eventSourceARN})
     * @param receiptHandle the message's receipt handle
     * @param delay         how long it stays invisible; clamped to 0 .. 12 hours
     */
    void postpone(String queueArn, String receiptHandle, Duration delay);

    /** {@code delay} within what SQS accepts, in whole seconds, rounded up. */
    static int seconds(Duration delay) {
        if (delay == null || delay.isNegative()) {
            return 0;
        }
        long s = delay.toSeconds() + (delay.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(s, MAX.toSeconds() - 1);
    }
}
