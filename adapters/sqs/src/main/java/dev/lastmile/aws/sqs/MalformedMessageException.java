package dev.lastmile.aws.sqs;

/** A queue message that can never be processed (not JSON, a missing or invalid field): retrying will not help. */
public final class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
