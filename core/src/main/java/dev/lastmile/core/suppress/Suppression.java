package dev.lastmile.core.suppress;

import java.util.List;

/**
 * One {@code lastmile:ignore} comment.
 *
 * @param line       the 1-based line the comment is on
 * @param appliesTo  the line whose findings it silences: its own line, or the next line when the comment stands alone
 * @param rules      the rule ids or names it names
 * @param reason     the text after {@code --}, or empty when the author gave none
 * @param wholeFile  true for {@code lastmile:ignore-file}
 */
public record Suppression(int line, int appliesTo, List<String> rules, String reason, boolean wholeFile) {

    public boolean hasReason() {
        return !reason.isBlank();
    }
}
