package dev.lastmile.github;

/** GitHub answered with an error that retrying now will not fix (or the retries ran out). */
public class GitHubException extends RuntimeException {

    private final int status;

    public GitHubException(int status, String message) {
        super(message);
        this.status = status;
    }

    public GitHubException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, 0 when no answer came. */
    public int status() {
        return status;
    }
}
