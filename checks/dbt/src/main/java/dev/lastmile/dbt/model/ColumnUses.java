package dev.lastmile.dbt.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every place a statement reads a column of an external relation (a {@code ref}, a {@code source}, a table): in a
 * select list, a WHERE, an ON, a HAVING or a QUALIFY, in the final query or any CTE or subquery, followed through
 * CTEs, subqueries and stars back to the relation the column comes from. {@link ColumnLineage} says what reaches
 * the output; this says what the query needs to exist, which is what a dropped or renamed upstream column breaks.
 */
public final class ColumnUses {

    /**
     * One read of {@code relation.column}.
     *
     * @param kind      REF, SOURCE or TABLE
     * @param relation  model name, {@code source.table}, or the table's dotted name
     * @param column    the column read, lower-cased
     * @param clause    {@code select}, {@code where}, {@code join}, {@code having} or {@code qualify}
     * @param written   the reference as written ({@code o.amount})
     * @param line      1-based line in the rendered SQL
     * @param ambiguous true when the reference is unqualified and more than one relation of its scope could hold it
     */
    public record Use(Relation.Kind kind, String relation, String column, String clause, String written, int line,
                      boolean ambiguous) {
    }

    private final List<Use> out = new ArrayList<>();
    private final Map<Query, Boolean> seen = new IdentityHashMap<>();

    private ColumnUses() {
    }

    public static List<Use> of(Query q) {
        ColumnUses u = new ColumnUses();
        u.scope(q, Map.of(), 0);
        return u.out;
    }

    private void scope(Query q, Map<String, Query> visible, int depth) {
        if (q == null || depth > 40 || seen.put(q, Boolean.TRUE) != null) {
            return;
        }
        Map<String, Query> ctes = new HashMap<>(visible);
        for (Query.Cte c : q.ctes()) {
            scope(c.query(), ctes, depth + 1);
            ctes.put(c.name(), c.query());
        }
        for (Relation r : q.relations()) {
            if (r.kind() == Relation.Kind.SUBQUERY && r.subquery() != null) {
                scope(r.subquery(), ctes, depth + 1);
            }
        }
        for (SelectItem item : q.items()) {
            if (!item.star()) {
                for (ColumnRef ref : item.columns()) {
                    resolve(q, ref, "select", item.line(), ctes);
                }
            }
        }
        for (Predicate p : q.predicates()) {
            String clause = p.clause().name().toLowerCase(java.util.Locale.ROOT);
            for (ColumnRef ref : p.columns()) {
                resolve(q, ref, clause, p.line(), ctes);
            }
        }
        for (Join j : q.joins()) {
            for (Predicate p : j.condition()) {
                for (ColumnRef ref : p.columns()) {
                    resolve(q, ref, "join", p.line(), ctes);
                }
            }
        }
        for (Query b : q.branches()) {
            scope(b, ctes, depth + 1);
        }
    }

    private void resolve(Query q, ColumnRef ref, String clause, int line, Map<String, Query> ctes) {
        List<Relation> candidates = new ArrayList<>();
        if (ref.isQualified()) {
            q.relation(ref.qualifier()).ifPresent(candidates::add);
        } else {
            candidates.addAll(q.relations());
        }
        boolean ambiguous = !ref.isQualified() && candidates.size() > 1;
        for (Relation r : candidates) {
            Query inner = r.kind() == Relation.Kind.CTE ? ctes.get(r.name())
                    : r.kind() == Relation.Kind.SUBQUERY ? r.subquery() : null;
            if (inner != null) {
                ColumnLineage.Output o = ColumnLineage.of(inner, ctes);
                var col = o.column(ref.column());
                if (col.isPresent()) {
                    // a CTE column: the query reads what the CTE read for it (those reads are the CTE's own uses);
                    // a use here matters only when the CTE passed an upstream column through unchanged
                    for (ColumnLineage.Origin origin : col.get().origins()) {
                        if (origin.derivation() == Derivation.DIRECT && origin.column().equals(ref.column())) {
                            out.add(new Use(origin.kind(), origin.relation(), origin.column(), clause, ref.toString(), line,
                                    ambiguous));
                        }
                    }
                } else {
                    for (ColumnLineage.StarOutput s : o.stars()) {
                        if (!s.except().contains(ref.column())) {
                            out.add(new Use(s.kind(), s.relation(), ref.column(), clause, ref.toString(), line,
                                    ambiguous || o.stars().size() > 1));
                        }
                    }
                }
            } else if (r.isExternal()) {
                out.add(new Use(r.kind(), r.name(), ref.column(), clause, ref.toString(), line, ambiguous));
            }
        }
    }
}
