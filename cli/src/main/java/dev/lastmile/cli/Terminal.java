package dev.lastmile.cli;

import java.util.Map;

/**
 * What the streams are connected to. The launcher tells the JVM whether stdout and stderr are terminals
 * ({@code -Dlastmile.tty.out}, {@code -Dlastmile.tty.err}; Java 21 cannot ask per stream); without it, neither is.
 * Colour goes only to a terminal and never when {@code NO_COLOR} is set (no-color.org) or {@code TERM=dumb};
 * progress lines, which rewrite themselves with {@code \r}, only to a terminal, so CI logs stay clean.
 */
record Terminal(boolean stdoutIsTerminal, boolean stderrIsTerminal, boolean colourAllowed) {

    static final Terminal NONE = new Terminal(false, false, false);

    static Terminal fromEnvironment() {
        return of(System.getProperty("lastmile.tty.out"), System.getProperty("lastmile.tty.err"), System.getenv());
    }

    static Terminal of(String ttyOut, String ttyErr, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        boolean colour = (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
        return new Terminal("true".equals(ttyOut), "true".equals(ttyErr), colour);
    }

    /** Colour on standard output. */
    boolean colourOut() {
        return stdoutIsTerminal && colourAllowed;
    }

    /** Colour on standard error. */
    boolean colourErr() {
        return stderrIsTerminal && colourAllowed;
    }

    /** ANSI styles, or nothing when colour is off. */
    record Style(boolean on) {
        String red(String s) {
            return wrap("31;1", s);
        }

        String yellow(String s) {
            return wrap("33", s);
        }

        String green(String s) {
            return wrap("32", s);
        }

        String dim(String s) {
            return wrap("2", s);
        }

        String bold(String s) {
            return wrap("1", s);
        }

        private String wrap(String code, String s) {
            return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
        }
    }
}
