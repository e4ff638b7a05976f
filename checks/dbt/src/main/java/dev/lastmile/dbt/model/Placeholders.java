package dev.lastmile.dbt.model;

import java.util.Locale;

/**
 * The names the renderer writes in place of dbt calls, so the SQL parses and the model still knows what they were:
 * {@code ref('orders')} becomes {@code __ref__orders}, {@code source('crm', 'customers')} becomes
 * {@code __src__crm__customers}, {@code this} becomes {@code __this__}, an unknown macro {@code __lm_<name>}.
 */
public final class Placeholders {

    public static final String REF = "__ref__";
    public static final String SOURCE = "__src__";
    public static final String SOURCE_SEPARATOR = "__";
    public static final String THIS = "__this__";
    public static final String UNKNOWN = "__lm_";

    private Placeholders() {
    }

    /** True when {@code text} holds an unknown-value placeholder (an unset var, an unknown macro's output). */
    public static boolean holdsUnknown(String text) {
        return text.toLowerCase(Locale.ROOT).contains(UNKNOWN);
    }

    /** True when {@code text} holds any placeholder the renderer writes (ref, source, this, unknown). */
    public static boolean holdsAny(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains(UNKNOWN) || t.contains(REF) || t.contains(SOURCE) || t.contains(THIS);
    }

    public static String ref(String model) {
        return REF + sanitize(model);
    }

    public static String source(String source, String table) {
        return SOURCE + sanitize(source) + SOURCE_SEPARATOR + sanitize(table);
    }

    public static String sanitize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
        }
        return b.toString();
    }

    private static final java.util.regex.Pattern REF_NAME = java.util.regex.Pattern.compile("(?i)\\b__ref__(\\w+)");
    private static final java.util.regex.Pattern SOURCE_NAME = java.util.regex.Pattern.compile("(?i)\\b__src__([a-z0-9]+(?:_[a-z0-9]+)*?)__(\\w+)");

    /** Rendered SQL shown to a person: placeholders written back as the Jinja they stand for. */
    public static String toJinja(String sql) {
        if (sql.indexOf("__") < 0) {
            return sql;
        }
        String s = REF_NAME.matcher(sql).replaceAll("{{ ref('$1') }}");
        s = SOURCE_NAME.matcher(s).replaceAll("{{ source('$1', '$2') }}");
        return s.replaceAll("(?i)\\b__this__", "{{ this }}");
    }

    /** Classifies a relation name as written in rendered SQL (the last dotted part, quotes removed). */
    public static Relation.Kind kindOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith(REF)) {
            return Relation.Kind.REF;
        }
        if (n.startsWith(SOURCE)) {
            return Relation.Kind.SOURCE;
        }
        if (n.startsWith(UNKNOWN) || n.equals(THIS)) {
            return Relation.Kind.PLACEHOLDER;
        }
        return Relation.Kind.TABLE;
    }

    /** For a REF placeholder the model name; for a SOURCE placeholder {@code source.table}; else the name as is. */
    public static String decode(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith(REF)) {
            return n.substring(REF.length());
        }
        if (n.startsWith(SOURCE)) {
            String rest = n.substring(SOURCE.length());
            int sep = rest.indexOf(SOURCE_SEPARATOR);
            return sep < 0 ? rest : rest.substring(0, sep) + "." + rest.substring(sep + SOURCE_SEPARATOR.length());
        }
        return n;
    }
}
