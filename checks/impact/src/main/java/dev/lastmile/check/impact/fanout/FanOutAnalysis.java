package dev.lastmile.check.impact.fanout;

import dev.lastmile.dbt.Grains;
import dev.lastmile.dbt.UniqueKey;
import dev.lastmile.dbt.model.ColumnRef;
import dev.lastmile.dbt.model.JoinKeys;
import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.Relation;
import dev.lastmile.dbt.model.SelectItem;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds aggregates over rows a join repeats, in one model's query (its CTEs and subqueries included).
 *
 * <p>A join repeats the rows on one side when the other side holds several rows per join key. That is judged only
 * on positive evidence: the many side's grain is known ({@link Grains}) and is <em>finer</em> than the join key (a
 * known key holds the join columns and more, e.g. {@code (order_id, line_number)} against {@code order_id}), and no
 * known key makes it unique on the join columns. A join whose other conjuncts (ON, WHERE, QUALIFY) narrow either side
 * (a validity range, {@code is_current}, a literal) may match one row, and is left alone; so is every join whose
 * grain is unknown.
 *
 * <p>A repeated column that reaches a {@code sum}, {@code avg} or {@code count} (not {@code count(distinct ...)},
 * not a window function), in the same select or in a later CTE that reads it, is a hit: the total is multiplied by
 * the number of matches. A {@code GROUP BY} or {@code DISTINCT} between the join and the aggregate re-grains the rows
 * and ends the trail.
 */
final class FanOutAnalysis {

    /** Why a relation's rows are repeated in a select: the join, the side with several rows per key, and its grain. */
    record Repeat(JoinKeys.Edge edge, Relation many, List<String> manyColumns, UniqueKey grain) {
    }

    /** An aggregate over repeated rows. */
    record Hit(SelectItem aggregate, ColumnRef column, Repeat repeat) {
    }

    /** What a select passes on: its output columns whose rows are repeated ({@code all}: every one of them). */
    private record Output(Map<String, Repeat> columns, Repeat all) {
        static final Output NONE = new Output(Map.of(), null);
    }

    /** sum, avg, count and their kin that a repeated row changes; not min/max/any_value, not count(distinct). */
    private static final Pattern MULTIPLIED_AGGREGATE = Pattern.compile(
            "\\b(sum|avg|average|count|count_if|countif|listagg|string_agg|array_agg|median|mean)\\s*\\(\\s*(?!distinct\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WINDOW = Pattern.compile("\\bover\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final int MAX_DEPTH = 30;

    private final Grains grains;
    private final Map<Query, Output> done = new IdentityHashMap<>();
    private final List<Hit> hits = new ArrayList<>();

    private FanOutAnalysis(Grains grains) {
        this.grains = grains;
    }

    /** The aggregates over repeated rows in {@code model} (its CTEs and subqueries included), in the order found. */
    static List<Hit> of(Query model, Grains grains) {
        FanOutAnalysis a = new FanOutAnalysis(grains);
        a.select(model, Map.of(), 0);
        return List.copyOf(a.hits);
    }

    private Output select(Query q, Map<String, Query> visible, int depth) {
        Output known = done.get(q);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH) {
            return Output.NONE;
        }
        done.put(q, Output.NONE);
        Map<String, Query> ctes = Grains.scope(q, visible);
        for (Query.Cte c : q.ctes()) {
            select(c.query(), ctes, depth + 1);
        }
        for (Query branch : q.branches()) {
            select(branch, ctes, depth + 1);
        }
        Map<String, Repeat> repeated = repeatedRelations(q, ctes);
        for (SelectItem item : q.items()) {
            if (item.star() || !MULTIPLIED_AGGREGATE.matcher(item.expression()).find() || WINDOW.matcher(item.expression()).find()) {
                continue;
            }
            // every column must be repeated: sum(l.quantity * o.price) is computed per line, correctly
            Repeat first = null;
            ColumnRef firstColumn = null;
            boolean allRepeated = !item.columns().isEmpty();
            for (ColumnRef c : item.columns()) {
                Repeat r = repeatOf(q, c, repeated, ctes, depth);
                if (r == null) {
                    allRepeated = false;
                    break;
                }
                if (first == null) {
                    first = r;
                    firstColumn = c;
                }
            }
            if (allRepeated) {
                hits.add(new Hit(item, firstColumn, first));
            }
        }
        Output out = Output.NONE;
        if (!q.groupBy() && !q.distinct() && q.branches().isEmpty()) {
            Map<String, Repeat> cols = new LinkedHashMap<>();
            Repeat all = null;
            for (SelectItem item : q.items()) {
                if (item.star()) {
                    for (Relation r : q.relations()) {
                        if (!item.starQualifier().isEmpty() && !item.starQualifier().equalsIgnoreCase(r.alias())) {
                            continue;
                        }
                        if (repeated.containsKey(r.alias())) {
                            all = all == null ? repeated.get(r.alias()) : all;
                        } else {
                            Output inner = inner(r, ctes, depth);
                            inner.columns().forEach((k, v) -> {
                                if (!item.except().contains(k)) {
                                    cols.putIfAbsent(k, v);
                                }
                            });
                            all = all == null ? inner.all() : all;
                        }
                    }
                    continue;
                }
                for (ColumnRef c : item.columns()) {
                    Repeat r = repeatOf(q, c, repeated, ctes, depth);
                    if (r != null && !item.outputName().isEmpty()) {
                        cols.putIfAbsent(item.outputName(), r);
                        break;
                    }
                }
            }
            out = new Output(cols, all);
        }
        done.put(q, out);
        return out;
    }

    /** The relations of {@code q} whose rows its joins repeat, by alias. */
    private Map<String, Repeat> repeatedRelations(Query q, Map<String, Query> ctes) {
        Map<String, Repeat> out = new LinkedHashMap<>();
        List<JoinKeys.Edge> edges = JoinKeys.of(q);
        for (JoinKeys.Edge e : edges) {
            if (!e.narrowing().isEmpty()) {
                continue;
            }
            List<String> joinedColumns = new ArrayList<>();
            for (JoinKeys.Edge other : edges) {
                if (other.join() == e.join()) {
                    joinedColumns.addAll(other.joinedColumns());
                }
            }
            UniqueKey joinedFiner = finer(grains.relation(e.joined(), ctes), joinedColumns);
            if (joinedFiner != null) {
                Repeat r = new Repeat(e, e.joined(), joinedColumns, joinedFiner);
                for (Relation other : q.relations()) {
                    if (other != e.joined()) {
                        out.putIfAbsent(other.alias(), r);
                    }
                }
            }
            UniqueKey otherFiner = finer(grains.relation(e.other(), ctes), e.otherColumns());
            if (otherFiner != null) {
                out.putIfAbsent(e.joined().alias(), new Repeat(e, e.other(), e.otherColumns(), otherFiner));
            }
        }
        return out;
    }

    /**
     * A known key finer than {@code columns} when none makes the rows unique on them; else null. A declared key
     * (test, constraint, config) is evidence as it stands. A grain read from the SQL (GROUP BY, DISTINCT) is evidence
     * only where it refines the join columns by a time bucket (one row per key per day): a plain extra column may be
     * an attribute of the key carried along ({@code distinct encounter_id, start_date} is one row per encounter), so
     * it proves nothing (bench/impact: 48 of 52 first-contact findings were that).
     */
    private static UniqueKey finer(List<UniqueKey> keys, List<String> columns) {
        if (columns.isEmpty() || Grains.uniqueOn(keys, columns)) {
            return null;
        }
        for (UniqueKey k : Grains.finerThan(keys, columns)) {
            if (k.source().declared() || k.buckets().stream().anyMatch(b -> !columns.contains(b))) {
                return k;
            }
        }
        return null;
    }

    /** Why the rows behind column {@code c} of {@code q} are repeated, or null when they are not (or it is unknown). */
    private Repeat repeatOf(Query q, ColumnRef c, Map<String, Repeat> repeated, Map<String, Query> ctes, int depth) {
        Relation r = null;
        if (c.isQualified()) {
            r = q.relation(c.qualifier()).orElse(null);
        } else if (q.relations().size() == 1) {
            r = q.relations().getFirst();
        }
        if (r == null) {
            return null;
        }
        Repeat direct = repeated.get(r.alias());
        if (direct != null) {
            return direct;
        }
        Output inner = inner(r, ctes, depth);
        Repeat named = inner.columns().get(c.column().toLowerCase(Locale.ROOT));
        return named != null ? named : inner.all();
    }

    private Output inner(Relation r, Map<String, Query> ctes, int depth) {
        if (r.kind() == Relation.Kind.CTE) {
            Query q = ctes.get(r.name().toLowerCase(Locale.ROOT));
            return q == null ? Output.NONE : select(q, ctes, depth + 1);
        }
        if (r.kind() == Relation.Kind.SUBQUERY && r.subquery() != null) {
            return select(r.subquery(), ctes, depth + 1);
        }
        return Output.NONE;
    }
}
