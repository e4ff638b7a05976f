package dev.lastmile.core.suppress;

import java.util.List;

/**
 * One {@code lastmile:ignore} or {@code lastmile:allow} comment.
 *
 * @param line       the 1-based line the comment is on
 * @param appliesTo  the line whose findings it silences: its own line, or the next line when the comment stands alone
 * @param rules      the rule ids or names it names
 * @param reason     the text after {@code --}, or empty when the author gave none
 * @param wholeFile  true for {@code lastmile:ignore-file}
 * @param marker     the marker as written: {@code lastmile:ignore}, {@code lastmile:ignore-file} or {@code lastmile:allow}
 */
public record Suppression(int line, int appliesTo, List<String> rules, String reason, boolean wholeFile, String marker) {

    /** The rule reference of {@code lastmile:allow}: every rule of the credentials category. */
    public static final String CREDENTIALS = "category:credentials";

    public boolean hasReason() {
        return !reason.isBlank();
    }
}
