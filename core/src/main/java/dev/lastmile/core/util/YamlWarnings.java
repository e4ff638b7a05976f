package dev.lastmile.core.util;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SnakeYAML logs a warning through java.util.logging for every duplicate key it reads with duplicates allowed (as
 * dbt and PyYAML allow them: the last one wins). A megabyte of one repeated key is ninety thousand log lines, about a
 * millisecond each: minutes of work and a flood on stderr from one file (issue 14, found by fuzzing). lastmile
 * reports broken YAML as findings, never through SnakeYAML's log, so its loggers are switched off.
 */
public final class YamlWarnings {

    /** Held so the level is not lost: java.util.logging keeps loggers only weakly. */
    private static final Logger SNAKEYAML = Logger.getLogger("org.yaml.snakeyaml");

    static {
        SNAKEYAML.setLevel(Level.OFF);
    }

    private YamlWarnings() {
    }

    /** Switches SnakeYAML's logging off (idempotent; every YAML loader calls it before its first load). */
    public static void silence() {
        SNAKEYAML.setLevel(Level.OFF);
    }
}
