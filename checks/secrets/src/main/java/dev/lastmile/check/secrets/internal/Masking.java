package dev.lastmile.check.secrets.internal;

/**
 * The only form in which a secret's value may leave the check: at most its first and last two characters, and only
 * for values long enough that four characters give little away.
 */
public final class Masking {

    /** Values shorter than this get no preview at all. */
    public static final int MIN_PREVIEW_LENGTH = dev.lastmile.core.util.Redactor.MIN_PREVIEW_LENGTH;

    private Masking() {
    }

    /** {@code qW…3s} for a value of 16 characters or more; empty for shorter ones. */
    public static String preview(String value) {
        if (value == null || value.codePointCount(0, value.length()) < MIN_PREVIEW_LENGTH) {
            return "";
        }
        int[] cps = value.codePoints().toArray();
        return new String(cps, 0, 2) + "…" + new String(cps, cps.length - 2, 2);
    }

    /** The preview in words, for a message: {@code masked qW…3s} or {@code value hidden}. */
    public static String describe(String value) {
        String p = preview(value);
        return p.isEmpty() ? "value hidden" : "masked " + p;
    }
}
