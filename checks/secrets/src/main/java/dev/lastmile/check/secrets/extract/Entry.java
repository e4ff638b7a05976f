package dev.lastmile.check.secrets.extract;

/**
 * A value found under a name in a structured file: a YAML or JSON key, an {@code .env} variable, a Python keyword
 * argument, a SQL option ({@code PASSWORD = '...'}). Lines are those of the file as a person edits it.
 *
 * @param key     the name the value sits under, as written
 * @param value   the literal value, unquoted and unescaped
 * @param line    1-based line of the value's start
 * @param endLine 1-based line of the value's end
 * @param kind    what the extractor recognised
 */
public record Entry(String key, String value, int line, int endLine, Kind kind) {

    public enum Kind {
        /** A literal value under a name. */
        KEY_VALUE,
        /** A Google Cloud service-account key: an object with {@code type: service_account} and a private key. */
        SERVICE_ACCOUNT
    }

    public Entry {
        key = key == null ? "" : key;
        value = value == null ? "" : value;
        line = Math.max(1, line);
        endLine = Math.max(line, endLine);
    }

    /** Never the value: an entry printed in a log or an assertion shows its masked preview only. */
    @Override
    public String toString() {
        return "Entry[" + kind + " '" + key + "' line " + line + "-" + endLine + " ("
                + dev.lastmile.check.secrets.internal.Masking.describe(value) + ")]";
    }

    public static Entry of(String key, String value, int line) {
        return new Entry(key, value, line, line, Kind.KEY_VALUE);
    }
}
