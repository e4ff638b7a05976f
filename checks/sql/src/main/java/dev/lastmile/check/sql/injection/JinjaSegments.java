package dev.lastmile.check.sql.injection;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a dbt SQL file into plain text and Jinja tags ({@code {{ }}}, {@code {% %}}, {@code {# #}}), keeping
 * offsets into the original file so every finding lands on the line a person edits. Tag ends are found outside the
 * tag's own string literals ({@code {{ "}}" }}}); {@code {% raw %}} blocks stay text; whitespace control marks
 * ({@code {%-}, {@code -%}}) are dropped from the content. Never throws: an unterminated tag is noted and ends the
 * file.
 */
final class JinjaSegments {

    enum Kind { TEXT, EXPR, STMT, COMMENT }

    /** A piece of the file: [start, end) in the file; for tags, {@code content} is the inside and
     * {@code contentStart} its offset. */
    record Segment(Kind kind, int start, int end, String content, int contentStart) {
    }

    /** A string inside a tag longer than this is taken for an unbalanced quote (keeps the scan linear). */
    private static final int MAX_STRING = 20_000;

    private final List<Segment> segments = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private JinjaSegments() {
    }

    List<Segment> segments() {
        return segments;
    }

    /** Syntax the lexer could not follow, each starting with the offset in the file: {@code "<offset>:<text>"}. */
    List<String> problems() {
        return problems;
    }

    static JinjaSegments split(String src) {
        JinjaSegments out = new JinjaSegments();
        out.run(src);
        return out;
    }

    private void run(String src) {
        int n = src.length();
        int textStart = 0;
        int i = 0;
        while (i < n - 1) {
            if (src.charAt(i) != '{') {
                i++;
                continue;
            }
            char c = src.charAt(i + 1);
            Kind kind = c == '{' ? Kind.EXPR : c == '%' ? Kind.STMT : c == '#' ? Kind.COMMENT : null;
            if (kind == null) {
                i++;
                continue;
            }
            if (i > textStart) {
                segments.add(new Segment(Kind.TEXT, textStart, i, src.substring(textStart, i), textStart));
            }
            int end = kind == Kind.COMMENT ? commentEnd(src, i + 2) : tagEnd(src, i + 2, kind == Kind.EXPR ? '}' : '%');
            if (end < 0) {
                problems.add(i + ":unterminated Jinja " + (kind == Kind.EXPR ? "{{" : kind == Kind.STMT ? "{%" : "{#")
                        + " tag");
                textStart = n;
                i = n;
                break;
            }
            int contentStart = i + 2;
            int contentEnd = end - 2;
            if (contentStart < contentEnd && "-+".indexOf(src.charAt(contentStart)) >= 0) {
                contentStart++;
            }
            if (contentEnd > contentStart && "-+".indexOf(src.charAt(contentEnd - 1)) >= 0) {
                contentEnd--;
            }
            String content = contentStart <= contentEnd ? src.substring(contentStart, contentEnd) : "";
            segments.add(new Segment(kind, i, end, content, contentStart));
            i = end;
            textStart = end;
            if (kind == Kind.STMT && content.strip().equals("raw")) {
                int endRaw = findEndRaw(src, end);
                int rawEnd = endRaw < 0 ? n : endRaw;
                if (rawEnd > end) {
                    segments.add(new Segment(Kind.TEXT, end, rawEnd, src.substring(end, rawEnd), end));
                }
                i = rawEnd;
                textStart = rawEnd;
            }
        }
        if (textStart < n) {
            segments.add(new Segment(Kind.TEXT, textStart, n, src.substring(textStart), textStart));
        }
    }

    /** The offset just past the closing {@code }}} or {@code %}}, skipping string literals; -1 when absent. */
    private static int tagEnd(String src, int from, char closer) {
        int n = src.length();
        int i = from;
        while (i < n - 1) {
            char c = src.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && j - i < MAX_STRING) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= n || src.charAt(j) != c) {
                    // An unbalanced quote inside a tag: fall back to the plain closer so one typo does not swallow the file.
                    int plain = src.indexOf(closer == '}' ? "}}" : "%}", from);
                    return plain < 0 ? -1 : plain + 2;
                }
                i = j + 1;
                continue;
            }
            if (c == closer && src.charAt(i + 1) == '}') {
                return i + 2;
            }
            i++;
        }
        return -1;
    }

    private static int commentEnd(String src, int from) {
        int at = src.indexOf("#}", from);
        return at < 0 ? -1 : at + 2;
    }

    private static int findEndRaw(String src, int from) {
        int i = from;
        while (true) {
            int at = src.indexOf("{%", i);
            if (at < 0) {
                return -1;
            }
            int end = src.indexOf("%}", at + 2);
            if (end < 0) {
                return -1;
            }
            String inner = src.substring(at + 2, end).replace("-", "").replace("+", "").strip();
            if (inner.equals("endraw")) {
                return at;
            }
            i = at + 2;
        }
    }
}
