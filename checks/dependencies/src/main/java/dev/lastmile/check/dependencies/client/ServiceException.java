package dev.lastmile.check.dependencies.client;

/** A service could not answer (network fault, retries exhausted, rate limited, malformed answer, offline). */
public final class ServiceException extends Exception {
    public ServiceException(String message) {
        super(message);
    }

    public ServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
