package dev.lastmile.dbt.render;

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
        int copied = 0;
        boolean lineStart = true;
        String closer = null;
        // copies runs of plain text in bulk; stops only at a line start and at Jinja delimiters
        for (int i = 0; i < n; i++) {
            if (lineStart && closer == null) {
                b.append(template, copied, i).append(OPEN).append(line).append(CLOSE);
                copied = i;
            }
            lineStart = false;
            char c = template.charAt(i);
            if (closer == null && c == '{' && i + 1 < n) {
                char d = template.charAt(i + 1);
                closer = d == '{' ? "}}" : d == '%' ? "%}" : d == '#' ? "#}" : null;
                if (closer != null) {
                    i++;
                }
            } else if (closer != null && c == closer.charAt(0) && i + 1 < n && template.charAt(i + 1) == closer.charAt(1)) {
                i++;
                closer = null;
            } else if (c == '\n') {
                line++;
                lineStart = true;
            }
        }
        return b.append(template, copied, n).toString();
    }

    /** The rendered text without markers, and the source line of each rendered line. */
    record Unmarked(String text, int[] lineMap) {
    }

    /** Where the marker opening at {@code open} closes, or -1 for a private-use character of the user's own. */
    private static int markerEnd(String s, int open) {
        int k = open + 1;
        while (k < s.length() && k - open <= 9 && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
            k++;
        }
        return k > open + 1 && k < s.length() && s.charAt(k) == CLOSE ? k : -1;
    }

    static Unmarked unmark(String rendered) {
        StringBuilder b = new StringBuilder(rendered.length());
        int[] map = new int[64];
        int rows = 1;
        int current = 1;
        int lineOfThisRow = -1;
        int n = rendered.length();
        int copied = 0;
        for (int i = 0; i < n; i++) {
            char c = rendered.charAt(i);
            int end = c == OPEN ? markerEnd(rendered, i) : -1;
            if (end > 0) {
                b.append(rendered, copied, i);
                current = Integer.parseInt(rendered, i + 1, end, 10);
                i = end;
                copied = i + 1;
            } else if (c == CLOSE) {
                b.append(rendered, copied, i);
                copied = i + 1;
            } else if (c == '\n') {
                if (rows == map.length) {
                    map = java.util.Arrays.copyOf(map, rows * 2);
                }
                map[rows++] = lineOfThisRow < 0 ? current : lineOfThisRow;
                lineOfThisRow = -1;
            } else if (lineOfThisRow < 0 && !Character.isWhitespace(c)) {
                lineOfThisRow = current;
            }
        }
        b.append(rendered, copied, n);
        int[] out = java.util.Arrays.copyOf(map, rows + 1);
        out[rows] = lineOfThisRow < 0 ? current : lineOfThisRow;
        return new Unmarked(b.toString(), out);
    }
}
