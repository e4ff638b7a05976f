package dev.lastmile.core.util;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Path globs as in {@code .gitignore}-style tools: {@code *} within one path segment, {@code **} across segments,
 * {@code ?} one character, {@code {a,b}} alternatives, {@code [abc]} classes. A glob without a slash matches the
 * file name in any directory ({@code *.sql}); one ending in {@code /} matches everything below a directory.
 */
public final class Globs {

    private Globs() {
    }

    /** Compiles a glob; throws {@link IllegalArgumentException} for a malformed one (an unclosed brace). */
    public static Pattern compile(String glob) {
        try {
            return translate(glob);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid glob '" + glob + "'", e);
        }
    }

    private static Pattern translate(String glob) {
        String g = glob.strip();
        if (g.startsWith("./")) {
            g = g.substring(2);
        }
        if (g.startsWith("/")) {
            g = g.substring(1);
        } else if (!g.contains("/")) {
            g = "**/" + g;
        }
        if (g.endsWith("/")) {
            g = g + "**";
        }
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                        boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                        re.append(slashAfter ? "(?:.*/)?" : ".*");
                        i += slashAfter ? 2 : 1;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces > 0) {
                        braces--;
                        re.append(')');
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                case '[' -> {
                    int close = g.indexOf(']', i + 1);
                    if (close > i + 1) {
                        String body = g.substring(i + 1, close);
                        boolean negate = body.startsWith("!") || body.startsWith("^");
                        StringBuilder cls = new StringBuilder(negate ? "[^" : "[");
                        for (char ch : (negate ? body.substring(1) : body).toCharArray()) {
                            cls.append(ch == '-' ? "-" : Character.isLetterOrDigit(ch) ? String.valueOf(ch) : "\\" + ch);
                        }
                        re.append(cls).append(']');
                        i = close;
                    } else {
                        re.append("\\[");
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces > 0) {
            throw new IllegalArgumentException("invalid glob '" + glob + "': unclosed '{'");
        }
        return Pattern.compile(re.toString());
    }

    public static boolean matches(String glob, String path) {
        return compile(glob).matcher(path).matches();
    }

    /** True when any of the compiled globs matches {@code path}. */
    public static boolean anyMatch(List<Pattern> globs, String path) {
        for (Pattern p : globs) {
            if (p.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }
}
