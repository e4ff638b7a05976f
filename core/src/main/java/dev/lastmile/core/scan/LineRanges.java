package dev.lastmile.core.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of 1-based, inclusive line ranges: the lines a change added or modified in one file.
 * {@link #ALL} stands for every line (an added file, or a full scan).
 */
public final class LineRanges {

    public static final LineRanges ALL = new LineRanges(List.of(new int[] {1, Integer.MAX_VALUE}));
    public static final LineRanges NONE = new LineRanges(List.of());

    private final List<int[]> ranges;

    private LineRanges(List<int[]> ranges) {
        this.ranges = ranges;
    }

    /** Builds from {@code [from, to]} pairs, merging overlapping and adjacent ones. */
    public static LineRanges of(List<int[]> pairs) {
        List<int[]> sorted = new ArrayList<>();
        for (int[] p : pairs) {
            if (p[1] >= p[0] && p[1] >= 1) {
                sorted.add(new int[] {Math.max(1, p[0]), p[1]});
            }
        }
        sorted.sort(Comparator.comparingInt(p -> p[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] p : sorted) {
            if (!merged.isEmpty() && p[0] <= merged.getLast()[1] + 1) {
                merged.getLast()[1] = Math.max(merged.getLast()[1], p[1]);
            } else {
                merged.add(new int[] {p[0], p[1]});
            }
        }
        return new LineRanges(List.copyOf(merged));
    }

    public static LineRanges single(int from, int to) {
        return of(List.<int[]>of(new int[] {from, to}));
    }

    public boolean contains(int line) {
        return overlaps(line, line);
    }

    public boolean overlaps(int from, int to) {
        for (int[] r : ranges) {
            if (r[0] <= to && r[1] >= from) {
                return true;
            }
        }
        return false;
    }

    public boolean isAll() {
        return this == ALL;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The ranges as {@code [from, to]} copies. */
    public List<int[]> ranges() {
        return ranges.stream().map(int[]::clone).toList();
    }

    @Override
    public String toString() {
        if (this == ALL) {
            return "all";
        }
        StringBuilder b = new StringBuilder();
        for (int[] r : ranges) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(r[0]);
            if (r[1] != r[0]) {
                b.append('-').append(r[1]);
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineRanges other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
