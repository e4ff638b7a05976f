package dev.lastmile.dbt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the unique keys a model's or source table's YAML declares ({@link UniqueKey}): the data tests that check
 * uniqueness (dbt's own, dbt_utils, dbt_expectations, dbt_constraints), {@code primary_key}/{@code unique}
 * constraints and a {@code unique_key} config. A test with a {@code where} filter checks only some rows, so it
 * declares no key.
 */
final class UniqueKeys {

    /** Column-level tests that check the column's values are unique. */
    private static final Set<String> UNIQUE_COLUMN_TESTS = Set.of(
            "unique", "dbt_expectations.expect_column_values_to_be_unique", "dbt_constraints.primary_key",
            "dbt_constraints.unique_key", "primary_key");

    /** Model-level tests over several columns, and the argument naming them. */
    private static final Map<String, String> COMPOUND_TESTS = Map.of(
            "dbt_utils.unique_combination_of_columns", "combination_of_columns",
            "unique_combination_of_columns", "combination_of_columns",
            "dbt_expectations.expect_compound_columns_to_be_unique", "column_list",
            "dbt_constraints.primary_key", "column_names",
            "dbt_constraints.unique_key", "column_names");

    private UniqueKeys() {
    }

    /**
     * The keys {@code node}'s {@code tests:}/{@code data_tests:} declare; {@code column} is the column the node
     * describes, or null for the model or source table itself.
     */
    static List<UniqueKey> fromTests(Map<String, Object> node, String column) {
        List<UniqueKey> out = new ArrayList<>();
        for (String key : List.of("tests", "data_tests")) {
            if (!(node.get(key) instanceof List<?> list)) {
                continue;
            }
            for (Object t : list) {
                String name;
                Map<?, ?> args = Map.of();
                if (t instanceof Map<?, ?> tm && tm.size() == 1) {
                    Map.Entry<?, ?> e = tm.entrySet().iterator().next();
                    name = String.valueOf(e.getKey());
                    args = e.getValue() instanceof Map<?, ?> a ? a : Map.of();
                } else if (t instanceof String str) {
                    name = str;
                } else {
                    continue;
                }
                name = name.toLowerCase(Locale.ROOT);
                // dbt 1.10 nests a generic test's arguments under arguments:
                Map<?, ?> arguments = args.get("arguments") instanceof Map<?, ?> a ? a : args;
                if (filtered(args)) {
                    continue;
                }
                if (column != null && UNIQUE_COLUMN_TESTS.contains(name)) {
                    out.add(new UniqueKey(List.of(column), UniqueKey.Source.TEST, name + " test on " + column));
                } else if (column == null && COMPOUND_TESTS.containsKey(name)) {
                    List<String> cols = columns(arguments.get(COMPOUND_TESTS.get(name)));
                    if (!cols.isEmpty()) {
                        out.add(new UniqueKey(cols, UniqueKey.Source.TEST, name + " on " + String.join(", ", cols)));
                    }
                } else if (column == null && UNIQUE_COLUMN_TESTS.contains(name)
                        && arguments.get("column_name") instanceof String c && c.matches("[\\w\"`]+")) {
                    String col = identifier(c);
                    out.add(new UniqueKey(List.of(col), UniqueKey.Source.TEST, name + " test on " + col));
                }
            }
        }
        return out;
    }

    /** A test configured with {@code where:} (directly or under {@code config:}) checks only some rows. */
    private static boolean filtered(Map<?, ?> args) {
        if (args.get("where") != null) {
            return true;
        }
        return args.get("config") instanceof Map<?, ?> c && c.get("where") != null;
    }

    /** Keys of {@code primary_key} and {@code unique} constraints (column-level ones carry their column). */
    static List<UniqueKey> fromConstraints(List<Map<String, Object>> constraints) {
        List<UniqueKey> out = new ArrayList<>();
        for (Map<String, Object> c : constraints) {
            String type = String.valueOf(c.get("type")).toLowerCase(Locale.ROOT);
            if (type.equals("primary_key") || type.equals("unique")) {
                List<String> cols = columns(c.get("columns"));
                if (!cols.isEmpty()) {
                    out.add(new UniqueKey(cols, UniqueKey.Source.CONSTRAINT, type + " constraint on " + String.join(", ", cols)));
                }
            }
        }
        return out;
    }

    /** The key of a {@code unique_key} config: one column, a list, or a comma-separated string. */
    static Optional<UniqueKey> fromConfig(Object uniqueKey) {
        List<String> cols = columns(uniqueKey instanceof String s && s.contains(",") ? List.of(s.split(",")) : uniqueKey);
        if (cols.isEmpty() || cols.stream().anyMatch(c -> !c.matches("\\w+"))) {
            return Optional.empty();
        }
        return Optional.of(new UniqueKey(cols, UniqueKey.Source.CONFIG, "unique_key " + String.join(", ", cols)));
    }

    /** True when {@code node} sets a {@code freshness:} (or {@code config.freshness:}) that is not null. */
    static boolean freshness(Map<String, Object> node) {
        if (node.get("freshness") instanceof Map<?, ?> f && !f.isEmpty()) {
            return true;
        }
        return node.get("config") instanceof Map<?, ?> c && c.get("freshness") instanceof Map<?, ?> f && !f.isEmpty();
    }

    /** True when {@code node} says anything about freshness, {@code freshness: null} included. */
    static boolean setsFreshness(Map<String, Object> node) {
        return node.containsKey("freshness") || node.get("config") instanceof Map<?, ?> c && c.containsKey("freshness");
    }

    /** The keys with duplicates (the same columns) removed, the first statement of each kept. */
    static List<UniqueKey> distinct(List<UniqueKey> keys) {
        Map<Set<String>, UniqueKey> out = new LinkedHashMap<>();
        for (UniqueKey k : keys) {
            out.putIfAbsent(Set.copyOf(k.columns()), k);
        }
        return List.copyOf(out.values());
    }

    private static List<String> columns(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                if (x != null && !String.valueOf(x).isBlank()) {
                    out.add(identifier(String.valueOf(x)));
                }
            }
        } else if (o instanceof String s && !s.isBlank()) {
            out.add(identifier(s));
        }
        return out;
    }

    private static String identifier(String s) {
        return s.strip().replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    }
}
