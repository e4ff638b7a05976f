package dev.lastmile.check.secrets.extract;

/** Strips one level of matching quotes, as shells, {@code .env} loaders and INI readers do. */
final class Unquote {

    private Unquote() {
    }

    static String value(String raw) {
        String v = raw.strip();
        if (v.length() >= 2) {
            char q = v.charAt(0);
            if ((q == '"' || q == '\'' || q == '`') && v.charAt(v.length() - 1) == q) {
                return v.substring(1, v.length() - 1);
            }
        }
        return v;
    }

    /** An unquoted shell or .env value ends at whitespace followed by {@code #}. */
    static String bare(String raw) {
        String v = raw.strip();
        if (v.isEmpty()) {
            return v;
        }
        char q = v.charAt(0);
        if (q == '"' || q == '\'') {
            int close = v.indexOf(q, 1);
            return close > 0 ? v.substring(1, close) : v.substring(1);
        }
        int hash = v.indexOf(" #");
        if (hash >= 0) {
            v = v.substring(0, hash);
        }
        int tab = v.indexOf("\t#");
        if (tab >= 0) {
            v = v.substring(0, tab);
        }
        return v.strip();
    }
}
