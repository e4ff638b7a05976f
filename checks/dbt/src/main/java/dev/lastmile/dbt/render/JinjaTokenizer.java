package dev.lastmile.dbt.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The one Jinja tokeniser of lastmile: splits a dbt file into plain text and Jinja tags ({@code {{ }}},
 * {@code {% %}}, {@code {# #}}), keeping offsets into the original file so every finding lands on the line a person
 * edits. The renderer reads its tags from it (fix-ups, unknown names, the fallback stripper) and so does the injection
 * analysis ({@code checks/sql}).
 *
 * <p>Tag ends are found outside the tag's own string literals ({@code {{ "}}" }}}), as Jinja reads them;
 * {@code {% raw %}} blocks stay text; whitespace control marks ({@code {%-}, {@code -%}}) are dropped from the
 * content. Never throws: an unterminated tag is noted and ends the file (nothing from it on is a segment).
 *
 * <p><b>Linear.</b> An unbalanced quote inside a tag would make a string-aware scan run to the end of the file for
 * every tag after it (quadratic on a few hundred kB of broken Jinja). The scan of a string literal may run past the
 * tag's plain closer only within a budget for the whole file ({@link #STRING_BUDGET_FACTOR} times its length); a
 * string that runs out of it, or that does not close, is taken for an unbalanced quote and the tag ends at its plain
 * closer. {@link #charsExamined()} counts the work, so tests can hold it to a multiple of the input.
 */
public final class JinjaTokenizer {

    /** What a piece of the file is. */
    public enum Kind { TEXT, EXPR, STMT, COMMENT }

    /**
     * A piece of the file: {@code [start, end)} in the file; for tags {@link #content()} is the inside without its
     * whitespace-control marks and {@code contentStart} its offset. The content is cut from the file on demand.
     */
    public record Segment(Kind kind, int start, int end, int contentStart, int contentEnd, String source) {
        public String content() {
            return source.substring(contentStart, contentEnd);
        }

        @Override
        public String toString() {
            return kind + "[" + start + "," + end + ")";
        }
    }

    /** How many characters per input character string scans may examine past a tag's plain closer, in total. */
    static final int STRING_BUDGET_FACTOR = 2;

    private final String src;
    private final List<Segment> segments = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private long examined;
    private long stringBudget;

    private JinjaTokenizer(String src) {
        this.src = src;
        this.stringBudget = (long) STRING_BUDGET_FACTOR * src.length() + 4096;
    }

    /** Splits {@code src} into text and tags. */
    public static JinjaTokenizer split(String src) {
        JinjaTokenizer out = new JinjaTokenizer(src);
        out.run();
        return out;
    }

    /**
     * Where each {@code {{ .. }}} and {@code {% .. %}} tag is, as {@code [start, end)}, in order; comments and the
     * text of raw blocks are not tags.
     */
    public static List<int[]> tagSpans(String template) {
        if (template.indexOf('{') < 0) {
            return List.of();
        }
        List<int[]> spans = new ArrayList<>();
        for (Segment s : split(template).segments) {
            if (s.kind == Kind.EXPR || s.kind == Kind.STMT) {
                spans.add(new int[] {s.start, s.end});
            }
        }
        return spans;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Syntax the tokeniser could not follow, each starting with the offset in the file: {@code "<offset>:<text>"}. */
    public List<String> problems() {
        return problems;
    }

    /** Characters examined while splitting, a measure of the work (linear in the input's length). */
    public long charsExamined() {
        return examined;
    }

    private void run() {
        int n = src.length();
        int textStart = 0;
        int i = src.indexOf('{');
        while (i >= 0 && i < n - 1) {
            char c = src.charAt(i + 1);
            Kind kind = c == '{' ? Kind.EXPR : c == '%' ? Kind.STMT : c == '#' ? Kind.COMMENT : null;
            if (kind == null) {
                int next = src.indexOf('{', i + 1);
                examined += (next < 0 ? n : next) - i;
                i = next;
                continue;
            }
            if (i > textStart) {
                segments.add(new Segment(Kind.TEXT, textStart, i, textStart, i, src));
            }
            int end = kind == Kind.COMMENT ? plainEnd(i + 2, "#}") : tagEnd(i + 2, kind == Kind.EXPR ? '}' : '%');
            if (end < 0) {
                problems.add(i + ":unterminated Jinja " + (kind == Kind.EXPR ? "{{" : kind == Kind.STMT ? "{%" : "{#")
                        + " tag");
                textStart = n; // the rest is neither text nor tag: nothing after it can be read as Jinja reads it
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
            contentEnd = Math.max(contentStart, contentEnd);
            segments.add(new Segment(kind, i, end, contentStart, contentEnd, src));
            textStart = end;
            if (kind == Kind.STMT && isWord(contentStart, contentEnd, "raw")) {
                int rawEnd = endRaw(end);
                if (rawEnd < 0) {
                    rawEnd = n;
                }
                if (rawEnd > end) {
                    segments.add(new Segment(Kind.TEXT, end, rawEnd, end, rawEnd, src));
                }
                textStart = rawEnd;
                i = src.indexOf('{', rawEnd);
                continue;
            }
            i = src.indexOf('{', end);
            examined += (i < 0 ? n : i) - end;
        }
        if (textStart < n) {
            segments.add(new Segment(Kind.TEXT, textStart, n, textStart, n, src));
        }
    }

    /** True when {@code src[from, to)} is {@code word} with only white space around it. */
    private boolean isWord(int from, int to, String word) {
        while (from < to && Character.isWhitespace(src.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(src.charAt(to - 1))) {
            to--;
        }
        return to - from == word.length() && src.startsWith(word, from);
    }

    /** The offset just past {@code closer} from {@code from}, or -1. */
    private int plainEnd(int from, String closer) {
        int at = src.indexOf(closer, from);
        examined += (at < 0 ? src.length() : at + 2) - from;
        return at < 0 ? -1 : at + 2;
    }

    /** The offset just past the closing {@code }}} or {@code %}}, skipping string literals; -1 when absent. */
    private int tagEnd(int from, char closer) {
        int n = src.length();
        int plain = -2; // not looked up yet
        int i = from;
        while (i < n - 1) {
            char c = src.charAt(i);
            examined++;
            if (c == '\'' || c == '"') {
                if (plain == -2) {
                    plain = src.indexOf(closer == '}' ? "}}" : "%}", from);
                    examined += (plain < 0 ? n : plain) - from;
                }
                int j = i + 1;
                while (j < n && src.charAt(j) != c) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                    // past the plain closer, a string spends the file's budget (see the class comment)
                    if (plain >= 0 && j > plain && --stringBudget < 0) {
                        break;
                    }
                }
                examined += Math.min(j, n) - i;
                if (j >= n || src.charAt(j) != c) {
                    // an unbalanced quote: the plain closer, so one typo does not swallow the file
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

    /** The offset of the {@code {% endraw %}} tag after {@code from}, or -1. */
    private int endRaw(int from) {
        int i = from;
        while (true) {
            int at = src.indexOf("{%", i);
            if (at < 0) {
                examined += src.length() - i;
                return -1;
            }
            int end = src.indexOf("%}", at + 2);
            if (end < 0) {
                examined += src.length() - i;
                return -1;
            }
            examined += end + 2 - i;
            int s = at + 2;
            int e = end;
            while (s < e && "-+".indexOf(src.charAt(s)) >= 0) {
                s++;
            }
            while (e > s && "-+".indexOf(src.charAt(e - 1)) >= 0) {
                e--;
            }
            if (isWord(s, e, "endraw")) {
                return at;
            }
            i = end + 2;
        }
    }
}
