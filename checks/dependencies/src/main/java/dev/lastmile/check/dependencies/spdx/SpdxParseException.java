package dev.lastmile.check.dependencies.spdx;

/** A license string that is not an SPDX expression: the license is then reported as non-standard. */
public final class SpdxParseException extends Exception {
    public SpdxParseException(String message) {
        super(message);
    }
}
