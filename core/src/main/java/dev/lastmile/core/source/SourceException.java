package dev.lastmile.core.source;

/** A repository could not be read: a missing revision, an I/O fault, an API error. */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
