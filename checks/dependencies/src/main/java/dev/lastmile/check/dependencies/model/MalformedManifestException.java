package dev.lastmile.check.dependencies.model;

/** A manifest that cannot be read as its format: reported as a {@code config} finding at {@code line}. */
public final class MalformedManifestException extends Exception {

    private final int line;

    public MalformedManifestException(int line, String message) {
        super(message);
        this.line = Math.max(1, line);
    }

    public int line() {
        return line;
    }
}
