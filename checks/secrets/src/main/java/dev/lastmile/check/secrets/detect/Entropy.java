package dev.lastmile.check.secrets.detect;

/** Shannon entropy and character-class facts used to tell generated secrets from words and identifiers. */
public final class Entropy {

    private Entropy() {
    }

    /** Bits per character of {@code s}. */
    public static double shannon(String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        s.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        double n = s.codePointCount(0, s.length());
        double h = 0;
        for (int c : counts.values()) {
            double p = c / n;
            h -= p * (Math.log(p) / Math.log(2));
        }
        return h;
    }

    /** How many of lower case, upper case, digits and other symbols occur. */
    public static int characterClasses(String s) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    public static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
