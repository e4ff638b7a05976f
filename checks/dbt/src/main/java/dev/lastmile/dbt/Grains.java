package dev.lastmile.dbt;

import dev.lastmile.dbt.model.ColumnRef;
import dev.lastmile.dbt.model.Derivation;
import dev.lastmile.dbt.model.Expressions;
import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.Relation;
import dev.lastmile.dbt.model.SelectItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The grain of a revision's relations: the column sets each model, source table, CTE or subquery is known to be
 * unique on ({@link UniqueKey}), from what the YAML declares (tests, constraints, {@code unique_key}), the model's
 * {@code config(unique_key=...)}, and its SQL ({@code GROUP BY}, {@code DISTINCT}, and a select that passes one
 * relation's rows through unchanged). An empty list means the grain is not known, never that there is none.
 * Thread-safe; each model's grain is worked out once.
 */
public final class Grains {

    /** Aggregate calls in an expression: an item holding one is no group key. */
    /** A select expression that buckets a time column: a cast or truncation to a day, week, month, ... */
    private static final Pattern TIME_BUCKET = Pattern.compile(
            "::\\s*date\\b|\\bas\\s+date\\s*\\)|\\b(date_trunc|datetime_trunc|timestamp_trunc|trunc|to_date|date|"
                    + "extract|date_part|datepart|year|month|week|day|last_day)\\s*\\(", Pattern.CASE_INSENSITIVE);

    private static final Pattern AGGREGATE_CALL = Pattern.compile(
            "\\b(count|count_if|countif|sum|avg|average|min|max|any_value|array_agg|listagg|string_agg|group_concat"
                    + "|approx_count_distinct|median|stddev|variance|bool_and|bool_or|logical_and|logical_or)\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    private static final int MAX_DEPTH = 12;

    private final DbtProject project;
    private final DbtAnalyzer analyzer;
    private final Map<String, List<UniqueKey>> models = new ConcurrentHashMap<>();

    public Grains(DbtProject project, DbtAnalyzer analyzer) {
        this.project = project;
        this.analyzer = analyzer;
    }

    /** The grain of one revision of a scan. */
    public static Grains of(DbtScan.Revision revision) {
        return new Grains(revision.project(), revision.analyzer());
    }

    /** What makes a model's rows unique: its YAML's keys, its {@code config(unique_key)}, then its SQL's grain. */
    public List<UniqueKey> model(String name) {
        return model(name, 0);
    }

    private List<UniqueKey> model(String name, int depth) {
        String key = name.toLowerCase(java.util.Locale.ROOT);
        List<UniqueKey> known = models.get(key);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH) {
            return List.of();
        }
        List<UniqueKey> out = new ArrayList<>(project.model(key).map(RelationMeta::uniqueKeys).orElse(List.of()));
        Optional<FileAnalysis> a = analyzer.model(key);
        if (a.isPresent()) {
            UniqueKeys.fromConfig(a.get().rendered().config().get("unique_key")).ifPresent(out::add);
            a.get().modelQuery().ifPresent(q -> out.addAll(query(q, Map.of(), depth + 1)));
        }
        List<UniqueKey> result = UniqueKeys.distinct(out);
        models.putIfAbsent(key, result);
        return result;
    }

    /** What the YAML says makes a source table's rows unique ({@code source_name.table_name}). */
    public List<UniqueKey> source(String sourceDotTable) {
        return project.source(sourceDotTable).map(RelationMeta::uniqueKeys).orElse(List.of());
    }

    /**
     * The grain of a relation a query reads, in the column names that query sees; {@code ctes} are the CTEs visible
     * where it is read.
     */
    public List<UniqueKey> relation(Relation r, Map<String, Query> ctes) {
        return relation(r, ctes, 0);
    }

    private List<UniqueKey> relation(Relation r, Map<String, Query> ctes, int depth) {
        if (depth > MAX_DEPTH) {
            return List.of();
        }
        return switch (r.kind()) {
            case REF -> model(r.name(), depth + 1);
            case SOURCE -> source(r.name());
            case CTE -> ctes.containsKey(r.name().toLowerCase(java.util.Locale.ROOT))
                    ? query(ctes.get(r.name().toLowerCase(java.util.Locale.ROOT)), ctes, depth + 1) : List.of();
            case SUBQUERY -> r.subquery() == null ? List.of() : query(r.subquery(), ctes, depth + 1);
            default -> List.of();
        };
    }

    /** The grain of a query's output; {@code visibleCtes} are the CTEs of the queries around it. */
    public List<UniqueKey> query(Query q, Map<String, Query> visibleCtes) {
        return query(q, visibleCtes, 0);
    }

    private List<UniqueKey> query(Query q, Map<String, Query> visibleCtes, int depth) {
        if (depth > MAX_DEPTH || !q.branches().isEmpty()) {
            // a UNION's rows come from several selects: no one select's grain is the whole's
            return List.of();
        }
        Map<String, Query> ctes = scope(q, visibleCtes);
        List<UniqueKey> out = new ArrayList<>();
        if (!q.groupKeys().isEmpty()) {
            groupKey(q).ifPresent(out::add);
        } else if (q.distinct() && q.items().stream().noneMatch(SelectItem::star)) {
            List<String> cols = q.items().stream().map(SelectItem::outputName).toList();
            if (cols.stream().noneMatch(String::isEmpty)) {
                out.add(new UniqueKey(cols, UniqueKey.Source.DISTINCT, "select distinct " + String.join(", ", cols),
                        buckets(q, cols)));
            }
        } else if (!q.groupBy() && q.from() != null && q.joins().isEmpty()) {
            // one relation's rows, filtered or not: its keys, under the names this select gives them
            for (UniqueKey k : relation(q.from(), ctes, depth + 1)) {
                rename(q, k).ifPresent(out::add);
            }
        }
        return UniqueKeys.distinct(out);
    }

    /** The CTEs visible inside {@code q}: those around it and its own (lower-cased names). */
    public static Map<String, Query> scope(Query q, Map<String, Query> visibleCtes) {
        if (q.ctes().isEmpty()) {
            return visibleCtes;
        }
        Map<String, Query> ctes = new HashMap<>(visibleCtes);
        for (Query.Cte c : q.ctes()) {
            ctes.put(c.name().toLowerCase(java.util.Locale.ROOT), c.query());
        }
        return ctes;
    }

    /** The GROUP BY as a key of output columns, when every group expression is selected. */
    private static Optional<UniqueKey> groupKey(Query q) {
        List<String> cols = new ArrayList<>();
        if (q.groupKeys().size() == 1 && q.groupKeys().getFirst().equals("all")) {
            for (SelectItem i : q.items()) {
                if (i.star() || i.outputName().isEmpty()) {
                    return Optional.empty();
                }
                if (!AGGREGATE_CALL.matcher(i.expression()).find()) {
                    cols.add(i.outputName());
                }
            }
        } else {
            for (String g : q.groupKeys()) {
                String out = outputOf(q, g);
                if (out == null) {
                    return Optional.empty();
                }
                cols.add(out);
            }
        }
        if (cols.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UniqueKey(cols, UniqueKey.Source.GROUP_BY, "group by " + String.join(", ", q.groupKeys()),
                buckets(q, cols)));
    }

    /** The output columns among {@code cols} that {@code q} computes as a time bucket ({@link UniqueKey#buckets()}). */
    private static List<String> buckets(Query q, List<String> cols) {
        List<String> out = new ArrayList<>();
        for (SelectItem i : q.items()) {
            if (!i.star() && cols.contains(i.outputName()) && TIME_BUCKET.matcher(i.expression()).find()) {
                out.add(i.outputName());
            }
        }
        return out;
    }

    /** The output column a GROUP BY expression stands for: an ordinal, the same expression, or an alias. */
    private static String outputOf(Query q, String g) {
        if (g.matches("\\d+")) {
            int n = Integer.parseInt(g);
            List<SelectItem> items = q.items();
            if (n >= 1 && n <= items.size() && !items.get(n - 1).star() && !items.get(n - 1).outputName().isEmpty()) {
                return items.get(n - 1).outputName();
            }
            return null;
        }
        ColumnRef asColumn = g.matches("[\\w.]+") ? ColumnRef.parse(g) : null;
        for (SelectItem i : q.items()) {
            if (i.star() || i.outputName().isEmpty()) {
                continue;
            }
            String e = Expressions.normalized(i.expression());
            if (e.equals(g)) {
                return i.outputName();
            }
            if (asColumn != null && i.derivation() == Derivation.DIRECT && i.columns().size() == 1
                    && i.columns().getFirst().column().equals(asColumn.column())
                    && (!asColumn.isQualified() || asColumn.qualifier().equals(i.columns().getFirst().qualifier()))
                    && e.matches("[\\w.]+")) {
                return i.outputName();
            }
        }
        if (asColumn != null && !asColumn.isQualified()) {
            // BigQuery, Snowflake, DuckDB group by an output alias
            for (SelectItem i : q.items()) {
                if (i.outputName().equals(asColumn.column()) && !AGGREGATE_CALL.matcher(i.expression()).find()) {
                    return i.outputName();
                }
            }
            // an unselected column of the input: only a star could pass it through
            for (SelectItem i : q.items()) {
                if (i.star() && i.except().stream().noneMatch(asColumn.column()::equals)) {
                    return asColumn.column();
                }
            }
        }
        return null;
    }

    /** A key of {@code q}'s only relation under the names {@code q} gives its columns, when all of them pass through. */
    private static Optional<UniqueKey> rename(Query q, UniqueKey k) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String col : k.columns()) {
            String out = passedAs(q, col);
            if (out == null) {
                return Optional.empty();
            }
            names.put(col, out);
        }
        return Optional.of(new UniqueKey(List.copyOf(names.values()), k.source(), k.detail()));
    }

    private static String passedAs(Query q, String col) {
        for (SelectItem i : q.items()) {
            if (i.star() && !i.except().contains(col)
                    && (i.starQualifier().isEmpty() || i.starQualifier().equalsIgnoreCase(q.from().alias()))) {
                return col;
            }
            if (!i.star() && !i.outputName().isEmpty() && i.columns().size() == 1
                    && i.columns().getFirst().column().equals(col) && i.derivation() == Derivation.DIRECT
                    && Expressions.normalized(i.expression()).matches("([\\w]+\\.)?[\\w]+")) {
                return i.outputName();
            }
        }
        return null;
    }

    /** True when one of {@code keys} lies within {@code columns}: rows are unique on those columns. */
    public static boolean uniqueOn(List<UniqueKey> keys, java.util.Collection<String> columns) {
        return keys.stream().anyMatch(k -> k.within(columns));
    }

    /**
     * The known keys that hold every one of {@code columns} and more: the rows are finer than those columns, so
     * several of them share each value of {@code columns}, unless another key says otherwise ({@link #uniqueOn}).
     */
    public static List<UniqueKey> finerThan(List<UniqueKey> keys, java.util.Collection<String> columns) {
        Set<String> cols = Set.copyOf(columns);
        return keys.stream().filter(k -> k.columns().containsAll(cols) && k.columns().size() > cols.size()).toList();
    }
}
