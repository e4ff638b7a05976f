package dev.lastmile.check.sql.safety;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.check.sql.SqlRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.model.ColumnRef;
import dev.lastmile.dbt.model.Derivation;
import dev.lastmile.dbt.model.Join;
import dev.lastmile.dbt.model.Predicate;
import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.Relation;
import dev.lastmile.dbt.model.SelectItem;
import dev.lastmile.dbt.model.SqlStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A join that relates nothing: {@code FROM a, b} with no WHERE predicate between them, {@code JOIN b} without ON,
 * or {@code ON 1 = 1}. An explicit {@code CROSS JOIN}, a lateral/unnest, or a one-row subquery is intended.
 */
public final class CartesianJoin implements SqlRule {

    public static final RuleMeta META = new RuleMeta("SQL031", "sql.safety.cartesian_join", Category.SQL_HYGIENE,
            Severity.HIGH,
            "Accidental cartesian join: a relation is joined without any condition",
            "A forgotten join condition multiplies rows: a million orders times ten thousand customers is ten "
                    + "billion rows, a warehouse bill and a model that double-counts everything it sums.",
            "Add the join condition; if every combination is really wanted, write CROSS JOIN so the intent is explicit.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ModelContext m) {
        List<Finding> out = new ArrayList<>();
        for (SqlStatement s : m.analysis().statements()) {
            if (s.query() == null) {
                continue;
            }
            List<Query> all = new ArrayList<>();
            walk(s.query(), all, 0);
            java.util.Map<String, Query> ctes = new java.util.HashMap<>();
            for (Query q : all) {
                q.ctes().forEach(c -> ctes.putIfAbsent(c.name().toLowerCase(java.util.Locale.ROOT), c.query()));
            }
            for (Query q : all) {
                Set<String> seen = new HashSet<>();
                if (q.from() != null) {
                    seen.add(q.from().alias());
                }
                for (Join j : q.joins()) {
                    Relation r = j.relation();
                    boolean intended = j.type().equals("cross") || j.type().equals("lateral")
                            || r.kind() == Relation.Kind.PLACEHOLDER || oneRow(r)
                            || r.kind() == Relation.Kind.CTE && oneRow(ctes.get(r.name().toLowerCase(java.util.Locale.ROOT)))
                            || correlated(r, seen)
                            // LEFT JOIN ... ON TRUE: the idiom for attaching an optional row to every row (there is
                            // no LEFT CROSS JOIN); an inner JOIN ... ON 1 = 1 is still reported
                            || j.type().equals("left") && j.hasCondition() && !j.condition().isEmpty()
                            && j.condition().stream().allMatch(p -> p.columns().isEmpty());
                    boolean related = j.hasCondition() && j.condition().stream().anyMatch(p -> !p.columns().isEmpty())
                            || j.hasCondition() && j.condition().isEmpty();
                    if (!related) {
                        // FROM a, b WHERE a.x = b.y and JOIN b ON 1 = 1 WHERE ... relate the rows in WHERE
                        related = q.predicates().stream().anyMatch(p -> relates(p, r.alias(), seen, q));
                    }
                    if (!intended && !related) {
                        out.add(m.at(META, j.line(), TypeText.of(j) + " " + label(r)
                                + " has no condition relating it to " + String.join(", ", seen)
                                + ": every row pairs with every row"));
                    }
                    seen.add(r.alias());
                }
            }
        }
        return out;
    }

    private static String label(Relation r) {
        return switch (r.kind()) {
            case REF -> "ref('" + r.name() + "')";
            case SOURCE -> "source " + r.name();
            default -> r.name().isEmpty() ? r.alias() : r.name();
        };
    }

    /** A predicate that reads the new relation and one joined before it (unqualified columns count as either). */
    private static boolean relates(Predicate p, String alias, Set<String> before, Query q) {
        boolean mine = false;
        boolean theirs = false;
        for (ColumnRef c : p.columns()) {
            if (!c.isQualified()) {
                mine = true;
                theirs = true;
            } else if (c.qualifier().equals(alias)) {
                mine = true;
            } else if (before.contains(c.qualifier())) {
                theirs = true;
            }
        }
        return mine && theirs;
    }

    /**
     * A relation that reads the rows before it: BigQuery's implicit UNNEST ({@code FROM t, t.items}) and a lateral
     * table function ({@code , lateral flatten(t.col)}, {@code , unnest(t.col)}), which the statement model may see as
     * a table named after the keyword.
     */
    private static boolean correlated(Relation r, Set<String> before) {
        if (r.kind() != Relation.Kind.TABLE) {
            return false;
        }
        String name = r.name().toLowerCase(java.util.Locale.ROOT).replace("`", "").strip();
        if (name.equals("lateral") || name.equals("unnest") || name.equals("flatten") || name.startsWith("lateral ")
                || name.startsWith("table(") || name.startsWith("unnest(") || name.startsWith("flatten(")) {
            return true;
        }
        int dot = name.indexOf('.');
        return dot > 0 && before.contains(name.substring(0, dot));
    }

    /** A subquery that aggregates without GROUP BY returns one row: joining it to everything is intended. */
    private static boolean oneRow(Relation r) {
        if (r.kind() != Relation.Kind.SUBQUERY || r.subquery() == null) {
            return false;
        }
        return oneRow(r.subquery());
    }

    /** A query that aggregates without GROUP BY (a one-row CTE such as {@code select max(day) as last_day from t}). */
    private static boolean oneRow(Query q) {
        if (q == null) {
            return false;
        }
        return !q.groupBy() && !q.items().isEmpty() && q.items().stream().allMatch(
                (SelectItem i) -> i.derivation() == Derivation.AGGREGATED || i.derivation() == Derivation.CONSTANT
                        || i.expression().toLowerCase(java.util.Locale.ROOT).matches("(?s)\\s*(max|min)\\s*\\(.*"));
    }

    private static void walk(Query q, List<Query> out, int depth) {
        if (q == null || depth > 30) {
            return;
        }
        out.add(q);
        q.ctes().forEach(c -> walk(c.query(), out, depth + 1));
        q.relations().forEach(r -> walk(r.subquery(), out, depth + 1));
        q.branches().forEach(b -> walk(b, out, depth + 1));
    }

    private static final class TypeText {
        static String of(Join j) {
            return j.type().equals("comma") ? "comma-joined" : "joined";
        }
    }
}
