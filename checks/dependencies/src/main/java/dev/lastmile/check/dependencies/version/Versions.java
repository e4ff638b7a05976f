package dev.lastmile.check.dependencies.version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A version order good enough across PEP 440, semver, Maven and Go: numbers compare as numbers, pre-release words
 * ({@code dev < alpha < beta < rc}) sort before the release they precede, {@code post}/{@code sp} after it; a
 * leading {@code v} and {@code +build} metadata are ignored. Not a full implementation of any one scheme, which is
 * why exact versions are always preferred and a range is only resolved to choose what to look up.
 */
public final class Versions {

    public static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    public static int compare(String a, String b) {
        List<Object> x = tokens(a);
        List<Object> y = tokens(b);
        int n = Math.max(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            Object p = i < x.size() ? x.get(i) : null;
            Object q = i < y.size() ? y.get(i) : null;
            int c = compareToken(p, q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** True for versions with a pre-release word (1.0rc1, 2.0.0-beta.1, 1.0.dev3). */
    public static boolean isPrerelease(String v) {
        for (Object t : tokens(v)) {
            if (t instanceof String s && rank(s) < 0) {
                return true;
            }
        }
        return false;
    }

    private static int compareToken(Object p, Object q) {
        if (p == null && q == null) {
            return 0;
        }
        if (p == null) {
            return -compareToken(q, null);
        }
        if (q == null) {
            // "1.0" vs "1.0.0" equal; "1.0" vs "1.0rc1": the release is later; "1.0" vs "1.0.post1": post is later
            if (p instanceof Long l) {
                return l == 0 ? 0 : 1;
            }
            return Integer.signum(rank((String) p));
        }
        if (p instanceof Long l && q instanceof Long m) {
            return Long.compare(l, m);
        }
        if (p instanceof Long) {
            return 1; // 1.0.1 > 1.0.rc1
        }
        if (q instanceof Long) {
            return -1;
        }
        int r = Integer.compare(rank((String) p), rank((String) q));
        return r != 0 ? r : ((String) p).compareTo((String) q);
    }

    /** Negative for pre-release words (ordered), positive for post-release words, 0 for other words. */
    private static int rank(String word) {
        return switch (word) {
            case "dev", "snapshot" -> -5;
            case "a", "alpha" -> -4;
            case "b", "beta" -> -3;
            case "m", "milestone" -> -2;
            case "c", "rc", "cr", "pre", "preview" -> -1;
            case "post", "sp", "rev", "r", "final", "ga", "release" -> word.equals("final") || word.equals("ga")
                    || word.equals("release") ? 0 : 1;
            default -> 0;
        };
    }

    static List<Object> tokens(String version) {
        String v = version.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("v")) {
            v = v.substring(1);
        }
        int plus = v.indexOf('+');
        if (plus >= 0) {
            v = v.substring(0, plus);
        }
        int bang = v.indexOf('!');
        if (bang >= 0) {
            v = v.substring(bang + 1); // PEP 440 epochs are vanishingly rare; drop rather than mis-order
        }
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (Character.isDigit(c)) {
                int s = i;
                while (i < v.length() && Character.isDigit(v.charAt(i))) {
                    i++;
                }
                String digits = v.substring(s, i);
                out.add(digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits));
            } else if (Character.isLetter(c)) {
                int s = i;
                while (i < v.length() && Character.isLetter(v.charAt(i))) {
                    i++;
                }
                out.add(v.substring(s, i));
            } else {
                i++;
            }
        }
        // trailing zeros do not matter: 1.0 == 1.0.0
        while (!out.isEmpty() && out.get(out.size() - 1) instanceof Long l && l == 0 && out.size() > 1) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
