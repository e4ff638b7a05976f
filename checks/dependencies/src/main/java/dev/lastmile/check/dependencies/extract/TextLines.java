package dev.lastmile.check.dependencies.extract;

import dev.lastmile.core.util.Texts;
import java.util.List;

/**
 * Finds the line of a declaration in formats whose parsers give no positions (TOML, JSON trees): the first line
 * containing a needle, searched from a hint onwards so repeated names land on the right entry.
 */
public final class TextLines {

    private final List<String> lines;

    public TextLines(String text) {
        this.lines = Texts.lines(text);
    }

    public List<String> lines() {
        return lines;
    }

    /** 1-based line of the first line at or after {@code fromLine} containing {@code needle}, or {@code fallback}. */
    public int find(String needle, int fromLine, int fallback) {
        for (int i = Math.max(0, fromLine - 1); i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        return fallback;
    }

    /**
     * For entries written in file order: the first line containing {@code needle} at or after {@code cursor}, else
     * anywhere, else {@code fallback}. Keeps a whole lockfile linear instead of quadratic.
     */
    public int findNext(String needle, int cursor, int fallback) {
        int found = find(needle, cursor, -1);
        return found > 0 ? found : find(needle, 1, fallback);
    }

    public int find(String needle) {
        return find(needle, 1, 1);
    }

    /** The first line containing all the needles, searched from {@code fromLine}. */
    public int findAll(int fromLine, int fallback, String... needles) {
        outer:
        for (int i = Math.max(0, fromLine - 1); i < lines.size(); i++) {
            for (String n : needles) {
                if (!lines.get(i).contains(n)) {
                    continue outer;
                }
            }
            return i + 1;
        }
        return fallback;
    }
}
