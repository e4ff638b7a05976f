package dev.lastmile.github;

import dev.lastmile.core.scan.LineRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The head lines a unified-diff {@code patch} (as GitHub returns per file) adds or modifies. Only {@code +} lines
 * count: a finding on an untouched context line is not new. A missing patch (binary files, or diffs GitHub deems too
 * large) means every line: better to judge too much than to pass silently.
 */
public final class Patches {

    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

    private Patches() {
    }

    public static LineRanges addedLines(String patch) {
        if (patch == null) {
            return LineRanges.ALL;
        }
        List<int[]> ranges = new ArrayList<>();
        int newLine = -1;
        int runStart = -1;
        for (String line : patch.split("\n", -1)) {
            Matcher h = HUNK.matcher(line);
            if (h.find()) {
                runStart = close(ranges, runStart, newLine);
                newLine = parse(h.group(1));
                continue;
            }
            if (newLine < 0) {
                continue; // text before the first hunk header
            }
            if (line.startsWith("+")) {
                if (runStart < 0) {
                    runStart = newLine;
                }
                newLine++;
            } else if (line.startsWith("-") || line.startsWith("\\")) {
                // a removed line, or "\ No newline at end of file": no head line
                runStart = close(ranges, runStart, newLine);
            } else {
                runStart = close(ranges, runStart, newLine);
                newLine++;
            }
        }
        close(ranges, runStart, newLine);
        return LineRanges.of(ranges);
    }

    private static int close(List<int[]> ranges, int runStart, int newLine) {
        if (runStart >= 1 && newLine > runStart) {
            ranges.add(new int[] {runStart, newLine - 1});
        }
        return -1;
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
