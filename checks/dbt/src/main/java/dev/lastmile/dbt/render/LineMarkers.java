package dev.lastmile.dbt.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the map from rendered SQL back to the lines a person edits: before rendering, a private-use marker naming the
 * line is put at the start of every source line that does not begin inside a Jinja tag; Jinja copies markers through
 * with the text around them (loops repeat them, dropped branches drop them, macro output carries the call site's),
 * and after rendering each output line takes the marker in front of its first SQL character.
 */
final class LineMarkers {

    static final char OPEN = '\uE000';
    static final char CLOSE = '\uE001';

    private LineMarkers() {
    }

    /** The template with a marker at the start of every line that starts outside a Jinja tag or comment. */
    static String mark(String template) {
        StringBuilder b = new StringBuilder(template.length() + template.length() / 8);
        int n = template.length();
        int line = 1;
        boolean lineStart = true;
        String closer = null;
        for (int i = 0; i < n; i++) {
            char c = template.charAt(i);
            if (lineStart && closer == null) {
                b.append(OPEN).append(line).append(CLOSE);
            }
            lineStart = false;
            if (closer == null && c == '{' && i + 1 < n) {
                char d = template.charAt(i + 1);
                if (d == '{') {
                    closer = "}}";
                } else if (d == '%') {
                    closer = "%}";
                } else if (d == '#') {
                    closer = "#}";
                }
                if (closer != null) {
                    b.append(c).append(d);
                    i++;
                    continue;
                }
            } else if (closer != null && c == closer.charAt(0) && i + 1 < n && template.charAt(i + 1) == closer.charAt(1)) {
                b.append(c).append(closer.charAt(1));
                i++;
                closer = null;
                continue;
            }
            b.append(c);
            if (c == '\n') {
                line++;
                lineStart = true;
            }
        }
        return b.toString();
    }

    /** The rendered text without markers, and the source line of each rendered line. */
    record Unmarked(String text, int[] lineMap) {
    }

    static Unmarked unmark(String rendered) {
        StringBuilder b = new StringBuilder(rendered.length());
        List<Integer> map = new ArrayList<>();
        map.add(0);
        int current = 1;
        int lineOfThisRow = -1;
        int n = rendered.length();
        for (int i = 0; i < n; i++) {
            char c = rendered.charAt(i);
            if (c == OPEN) {
                int end = rendered.indexOf(CLOSE, i);
                if (end > i) {
                    try {
                        current = Integer.parseInt(rendered.substring(i + 1, end));
                    } catch (NumberFormatException ignored) {
                        // a stray private-use character in the user's file: leave the current line
                    }
                    i = end;
                    continue;
                }
            }
            if (c == CLOSE) {
                continue;
            }
            if (c == '\n') {
                map.add(lineOfThisRow < 0 ? current : lineOfThisRow);
                lineOfThisRow = -1;
                b.append(c);
                continue;
            }
            if (lineOfThisRow < 0 && !Character.isWhitespace(c)) {
                lineOfThisRow = current;
            }
            b.append(c);
        }
        map.add(lineOfThisRow < 0 ? current : lineOfThisRow);
        int[] out = new int[map.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = map.get(i);
        }
        return new Unmarked(b.toString(), out);
    }
}
