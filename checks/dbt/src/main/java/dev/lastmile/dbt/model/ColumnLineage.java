package dev.lastmile.dbt.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Column-level lineage inside one statement: for each output column of a query, the columns of external relations
 * (refs, sources, tables) it derives from, following aliases, CTEs, subqueries and set operations; and every star
 * that passes an external relation's columns through unnamed.
 */
public final class ColumnLineage {

    /**
     * A column of an external relation that reaches an output column.
     *
     * @param kind       REF, SOURCE or TABLE
     * @param relation   model name, {@code source.table}, or the table's dotted name
     * @param column     the column read
     * @param derivation how the value reaches the output (DIRECT when unchanged at every step)
     * @param line       rendered line of the select item that read it from the relation
     */
    public record Origin(Relation.Kind kind, String relation, String column, Derivation derivation, int line) {
    }

    /** An output column and where it comes from. */
    public record OutputColumn(String name, List<Origin> origins, int line) {
    }

    /** A star that passes every column of an external relation through (minus {@code except}). */
    public record StarOutput(Relation.Kind kind, String relation, List<String> except, int line) {
    }

    /** A query's output. */
    public record Output(List<OutputColumn> columns, List<StarOutput> stars) {

        public java.util.Optional<OutputColumn> column(String name) {
            for (OutputColumn c : columns) {
                if (c.name().equalsIgnoreCase(name)) {
                    return java.util.Optional.of(c);
                }
            }
            return java.util.Optional.empty();
        }
    }

    private final Map<Query, Output> memo = new IdentityHashMap<>();

    private ColumnLineage() {
    }

    public static Output of(Query q) {
        return new ColumnLineage().output(q, Map.of(), 0);
    }

    /** The output of {@code q} where the given CTEs (of an enclosing WITH) are visible: a CTE that reads an earlier one. */
    public static Output of(Query q, Map<String, Query> visibleCtes) {
        return new ColumnLineage().output(q, visibleCtes, 0);
    }

    private Output output(Query q, Map<String, Query> visibleCtes, int depth) {
        Output cached = memo.get(q);
        if (cached != null) {
            return cached;
        }
        if (depth > 40) {
            return new Output(List.of(), List.of());
        }
        Map<String, Query> ctes = new HashMap<>(visibleCtes);
        for (Query.Cte c : q.ctes()) {
            ctes.put(c.name(), c.query());
        }
        Map<String, OutputColumn> cols = new LinkedHashMap<>();
        List<StarOutput> stars = new ArrayList<>();
        int position = 0;
        for (SelectItem item : q.items()) {
            if (item.star()) {
                for (Relation r : q.relations()) {
                    if (!item.starQualifier().isEmpty() && !r.alias().equalsIgnoreCase(item.starQualifier())) {
                        continue;
                    }
                    Output inner = inner(r, ctes, depth);
                    if (inner != null) {
                        for (OutputColumn c : inner.columns()) {
                            if (!item.except().contains(c.name())) {
                                cols.putIfAbsent(c.name(), c);
                            }
                        }
                        for (StarOutput s : inner.stars()) {
                            List<String> ex = new ArrayList<>(s.except());
                            ex.addAll(item.except());
                            stars.add(new StarOutput(s.kind(), s.relation(), ex, s.line()));
                        }
                    } else if (r.isExternal()) {
                        stars.add(new StarOutput(r.kind(), r.name(), item.except(), item.line()));
                    }
                }
                continue;
            }
            List<Origin> origins = new ArrayList<>();
            for (ColumnRef ref : item.columns()) {
                origins.addAll(resolve(q, ref, item, ctes, depth));
            }
            String name = item.outputName().isEmpty() ? "_col" + position : item.outputName();
            cols.putIfAbsent(name, new OutputColumn(name, origins, item.line()));
            position++;
        }
        // set operations: a branch's columns add origins to the head's columns by position
        List<OutputColumn> list = new ArrayList<>(cols.values());
        for (Query branch : q.branches()) {
            Output b = output(branch, ctes, depth + 1);
            for (int i = 0; i < Math.min(list.size(), b.columns().size()); i++) {
                OutputColumn head = list.get(i);
                List<Origin> merged = new ArrayList<>(head.origins());
                merged.addAll(b.columns().get(i).origins());
                list.set(i, new OutputColumn(head.name(), merged, head.line()));
            }
            stars.addAll(b.stars());
        }
        Output out = new Output(List.copyOf(list), List.copyOf(stars));
        memo.put(q, out);
        return out;
    }

    private Output inner(Relation r, Map<String, Query> ctes, int depth) {
        if (r.kind() == Relation.Kind.CTE && ctes.containsKey(r.name())) {
            return output(ctes.get(r.name()), ctes, depth + 1);
        }
        if (r.kind() == Relation.Kind.SUBQUERY && r.subquery() != null) {
            return output(r.subquery(), ctes, depth + 1);
        }
        return null;
    }

    private List<Origin> resolve(Query q, ColumnRef ref, SelectItem item, Map<String, Query> ctes, int depth) {
        List<Relation> candidates = new ArrayList<>();
        if (ref.isQualified()) {
            q.relation(ref.qualifier()).ifPresent(candidates::add);
        } else {
            candidates.addAll(q.relations());
        }
        List<Origin> out = new ArrayList<>();
        for (Relation r : candidates) {
            Output inner = inner(r, ctes, depth);
            if (inner != null) {
                var col = inner.column(ref.column());
                if (col.isPresent()) {
                    for (Origin o : col.get().origins()) {
                        out.add(new Origin(o.kind(), o.relation(), o.column(), combine(item.derivation(), o.derivation()), o.line()));
                    }
                } else {
                    for (StarOutput s : inner.stars()) {
                        if (!s.except().contains(ref.column())) {
                            // the explicit item is where a person sees the column, not the star it came through
                            out.add(new Origin(s.kind(), s.relation(), ref.column(), item.derivation(), item.line()));
                        }
                    }
                }
            } else if (r.isExternal() && (ref.isQualified() || candidates.size() == 1 || countExternal(candidates) == 1)) {
                out.add(new Origin(r.kind(), r.name(), ref.column(), item.derivation(), item.line()));
            }
            if (!ref.isQualified() && !out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    private static long countExternal(List<Relation> rs) {
        return rs.stream().filter(Relation::isExternal).count();
    }

    /** The weaker exposure wins: a hash of anything is a hash, an aggregate of anything an aggregate. */
    static Derivation combine(Derivation outer, Derivation inner) {
        if (outer == Derivation.DIRECT) {
            return inner;
        }
        return outer;
    }
}
