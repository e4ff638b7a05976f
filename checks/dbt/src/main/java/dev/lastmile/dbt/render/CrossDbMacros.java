package dev.lastmile.dbt.render;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * dbt's cross-database macros ({@code dbt.date_trunc}, {@code dbt.dateadd}, {@code dbt_utils.generate_surrogate_key},
 * type helpers...) written out as the plain SQL they compile to on most warehouses, so the columns they read stay
 * visible to lineage instead of vanishing into a placeholder.
 */
final class CrossDbMacros {

    private CrossDbMacros() {
    }

    static Map<String, JavaMacro> all() {
        return Map.ofEntries(
                m("date_trunc", (a, k) -> "date_trunc('" + unq(arg(a, k, 0, "datepart")) + "', " + expr(arg(a, k, 1, "date")) + ")"),
                m("dateadd", (a, k) -> "dateadd(" + unq(arg(a, k, 0, "datepart")) + ", " + expr(arg(a, k, 1, "interval")) + ", " + expr(arg(a, k, 2, "from_date_or_timestamp")) + ")"),
                m("datediff", (a, k) -> "datediff(" + unq(arg(a, k, 2, "datepart")) + ", " + expr(arg(a, k, 0, "first_date")) + ", " + expr(arg(a, k, 1, "second_date")) + ")"),
                m("safe_cast", (a, k) -> "cast(" + expr(arg(a, k, 0, "field")) + " as " + unq(arg(a, k, 1, "type")) + ")"),
                m("cast", (a, k) -> "cast(" + expr(arg(a, k, 0, "field")) + " as " + unq(arg(a, k, 1, "type")) + ")"),
                m("concat", (a, k) -> "concat(" + list(arg(a, k, 0, "fields")) + ")"),
                m("hash", (a, k) -> "md5(" + expr(arg(a, k, 0, "field")) + ")"),
                m("generate_surrogate_key", (a, k) -> "md5(concat(" + list(arg(a, k, 0, "field_list")) + "))"),
                m("surrogate_key", (a, k) -> "md5(concat(" + list(arg(a, k, 0, "field_list")) + "))"),
                m("any_value", (a, k) -> "any_value(" + expr(arg(a, k, 0, "expression")) + ")"),
                m("bool_or", (a, k) -> "bool_or(" + expr(arg(a, k, 0, "expression")) + ")"),
                m("split_part", (a, k) -> "split_part(" + expr(arg(a, k, 0, "string_text")) + ", " + expr(arg(a, k, 1, "delimiter_text")) + ", " + expr(arg(a, k, 2, "part_number")) + ")"),
                m("last_day", (a, k) -> "last_day(" + expr(arg(a, k, 0, "date")) + ")"),
                m("length", (a, k) -> "length(" + expr(arg(a, k, 0, "expression")) + ")"),
                m("group_by", (a, k) -> {
                    int n;
                    try {
                        n = Math.max(1, Math.min(500, Integer.parseInt(String.valueOf(arg(a, k, 0, "n")).trim())));
                    } catch (NumberFormatException e) {
                        n = 1;
                    }
                    StringBuilder b = new StringBuilder("group by ");
                    for (int i = 1; i <= n; i++) {
                        b.append(i == 1 ? "" : ", ").append(i);
                    }
                    return b.toString();
                }),
                m("current_timestamp", (a, k) -> "current_timestamp"),
                m("current_timestamp_backcompat", (a, k) -> "current_timestamp"),
                m("string_literal", (a, k) -> "'" + unq(arg(a, k, 0, "value")).replace("'", "''") + "'"),
                m("type_string", (a, k) -> "varchar"),
                m("type_timestamp", (a, k) -> "timestamp"),
                m("type_int", (a, k) -> "int"),
                m("type_bigint", (a, k) -> "bigint"),
                m("type_numeric", (a, k) -> "numeric"),
                m("type_float", (a, k) -> "float"),
                m("type_boolean", (a, k) -> "boolean"));
    }

    private static Map.Entry<String, JavaMacro> m(String name, JavaMacro.Body body) {
        return Map.entry(name, new JavaMacro(name, body));
    }

    private static Object arg(List<Object> a, Map<String, Object> k, int i, String name) {
        if (k.containsKey(name)) {
            return k.get(name);
        }
        return i < a.size() ? a.get(i) : "";
    }

    private static String unq(Object o) {
        String s = String.valueOf(o == null ? "" : o).trim();
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
            s = s.substring(1, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT).equals("none") ? "" : s;
    }

    /** A macro argument is SQL text: a string argument is the expression itself ({@code 'ordered_at'}). */
    private static String expr(Object o) {
        String s = o == null ? "null" : String.valueOf(o);
        return s.isBlank() ? "null" : s;
    }

    private static String list(Object o) {
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder();
            for (Object x : l) {
                b.append(b.isEmpty() ? "" : ", ").append(expr(x));
            }
            return b.isEmpty() ? "null" : b.toString();
        }
        return expr(o);
    }
}
