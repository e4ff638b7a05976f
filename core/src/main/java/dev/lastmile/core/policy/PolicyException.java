package dev.lastmile.core.policy;

/**
 * A policy file that cannot be used: the message names the file, the line and the key, as in
 * {@code .lastmile.yml line 7, key 'sql.pii.columns': expected a list of strings}.
 */
public class PolicyException extends RuntimeException {

    private final String file;
    private final int line;
    private final String key;

    public PolicyException(String file, int line, String key, String problem) {
        super(format(file, line, key, problem));
        this.file = file;
        this.line = line;
        this.key = key;
    }

    private static String format(String file, int line, String key, String problem) {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(" line ").append(line);
        }
        if (key != null && !key.isEmpty()) {
            b.append(", key '").append(key).append('\'');
        }
        return b.append(": ").append(problem).toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }
}
