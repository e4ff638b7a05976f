package dev.lastmile.cli;

/** A usage or configuration problem: printed as one line, exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
