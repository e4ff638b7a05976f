package dev.lastmile.check.secrets.extract;

/**
 * Reads one file format into named values, understanding its structure so that {@code password:} under a YAML key
 * and {@code password=} in an {@code .env} file are found the same way and a password column name in SQL is not.
 * Extractors never throw for bad input: an unparsable file yields {@link Extraction#failed} with a line-based
 * fallback, so nothing is silently skipped.
 */
public interface Extractor {

    /** Short name, e.g. {@code yaml}, {@code python}. */
    String name();

    /** A cheap test on the path alone (no content read): does this extractor read this file? */
    boolean fileRequired(String path);

    Extraction extract(String text);

    /** The file name of a repository path, lower case. */
    static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
    }

    static boolean hasExtension(String path, String... extensions) {
        String name = fileName(path);
        for (String e : extensions) {
            if (name.endsWith("." + e)) {
                return true;
            }
        }
        return false;
    }
}
