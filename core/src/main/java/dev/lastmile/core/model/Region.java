package dev.lastmile.core.model;

/**
 * A span of a file as a person edits it: 1-based lines, 1-based columns. A column of 0 means "the whole line".
 */
public record Region(int startLine, int startColumn, int endLine, int endColumn) {

    public Region {
        if (startLine < 1) {
            throw new IllegalArgumentException("startLine must be >= 1, was " + startLine);
        }
        if (endLine < startLine) {
            endLine = startLine;
        }
        startColumn = Math.max(0, startColumn);
        endColumn = Math.max(0, endColumn);
    }

    public static Region line(int line) {
        return new Region(line, 0, line, 0);
    }

    public static Region lines(int startLine, int endLine) {
        return new Region(startLine, 0, endLine, 0);
    }

    /** The region for a whole file: line 1. */
    public static Region file() {
        return line(1);
    }

    public boolean overlaps(int fromLine, int toLine) {
        return startLine <= toLine && endLine >= fromLine;
    }
}
