package dev.lastmile.check.secrets.extract;

import java.util.List;

/**
 * What an extractor found in one file.
 *
 * @param entries     the named values, in file order
 * @param problem     why the file could not be parsed as its format, or null when it could
 * @param problemLine the line of the problem (1 when unknown)
 */
public record Extraction(List<Entry> entries, String problem, int problemLine) {

    public Extraction {
        entries = List.copyOf(entries);
        problemLine = Math.max(1, problemLine);
    }

    public static Extraction of(List<Entry> entries) {
        return new Extraction(entries, null, 1);
    }

    public static Extraction failed(String problem, int line, List<Entry> fallback) {
        return new Extraction(fallback, problem, line);
    }

    public boolean parsed() {
        return problem == null;
    }
}
