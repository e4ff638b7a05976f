package dev.lastmile.dbt.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.List;
import java.util.Locale;

/** dbt's native-type filters ({@code | as_bool}, {@code | as_number}, {@code | as_text}, {@code | as_native}). */
final class NativeFilters {

    private NativeFilters() {
    }

    static List<Filter> all() {
        return List.of(
                filter("as_bool", v -> {
                    if (v instanceof Boolean b) {
                        return b;
                    }
                    String s = v == null ? "" : String.valueOf(v).trim().toLowerCase(Locale.ROOT);
                    return s.equals("true") || s.equals("1") || s.equals("yes");
                }),
                filter("as_number", v -> {
                    if (v instanceof Number n) {
                        return n;
                    }
                    try {
                        String s = String.valueOf(v).trim();
                        return s.contains(".") ? (Object) Double.parseDouble(s) : (Object) Long.parseLong(s);
                    } catch (RuntimeException e) {
                        return v;
                    }
                }),
                filter("as_text", v -> v == null ? "" : String.valueOf(v)),
                filter("as_native", v -> v));
    }

    private static Filter filter(String name, java.util.function.UnaryOperator<Object> f) {
        return new Filter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return f.apply(var);
            }
        };
    }
}
