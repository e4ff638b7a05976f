package dev.lastmile.core.util;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * What every SnakeYAML load of user text goes through first ({@link #check}), for two shapes the fuzzer found that
 * take SnakeYAML minutes on a megabyte (issue 14):
 * <ul>
 *   <li>a very long line: its reader rescans a growing window for each character of a long token (quadratic: a
 *       100,000-character scalar takes seconds, a megabyte minutes). A line over {@value #MAX_LINE_CHARS}
 *       characters is refused as a YAML problem on that line, which each loader already reports as unreadable
 *       YAML (a finding, with the line), never as a hang;</li>
 *   <li>many duplicate keys (allowed, as dbt and PyYAML allow them): a java.util.logging warning each, about a
 *       millisecond apiece. lastmile reports broken YAML as findings, never through SnakeYAML's log, which is off.</li>
 * </ul>
 */
public final class YamlGuard {

    /** Far above hand-written YAML; an inline certificate or key is a few kilobytes. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    /** Held so the level is not lost: java.util.logging keeps loggers only weakly. */
    private static final Logger SNAKEYAML = Logger.getLogger("org.yaml.snakeyaml");

    static {
        SNAKEYAML.setLevel(Level.OFF);
    }

    /** A line too long to hand to SnakeYAML, as a YAML problem marked with its line. */
    public static final class LineTooLong extends MarkedYAMLException {
        LineTooLong(int line, int length) {
            super(null, null, "line " + line + " has " + length + " characters, more than the " + MAX_LINE_CHARS
                    + " lastmile reads as YAML", new Mark("yaml", 0, line - 1, 0, new int[0], 0));
        }
    }

    private YamlGuard() {
    }

    /**
     * Switches SnakeYAML's logging off and throws {@link LineTooLong} when a line of {@code text} is longer than
     * {@value #MAX_LINE_CHARS} characters. Linear; call it inside the loader's own {@code try}.
     */
    public static void check(String text) {
        SNAKEYAML.setLevel(Level.OFF);
        int start = 0;
        int line = 1;
        for (int i = 0, n = text.length(); i <= n; i++) {
            if (i == n || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new LineTooLong(line, i - start);
                }
                start = i + 1;
                line++;
            }
        }
    }
}
