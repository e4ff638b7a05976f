package dev.lastmile.dbt.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The keys a query's joins match rows on: for each join, the plain column equalities of its ON condition between the
 * joined relation and a relation before it, and whatever else narrows the match. It describes; whether a join
 * multiplies rows is for a check to judge.
 */
public final class JoinKeys {

    /**
     * The joined relation meets {@code other} on {@code joinedColumns = otherColumns} (pairwise, in order).
     *
     * @param join          the join
     * @param joined        the relation the join brings in
     * @param joinedColumns its columns in the equalities, lower-cased
     * @param other         the earlier relation of the query on the other side of the equalities
     * @param otherColumns  that relation's columns, in the same order
     * @param narrowing     the other conjuncts that read the joined relation or {@code other} (a range, a literal
     *                      filter, an expression), from ON, WHERE and QUALIFY: each may cut the matches to one row
     */
    public record Edge(Join join, Relation joined, List<String> joinedColumns, Relation other, List<String> otherColumns,
                       List<Predicate> narrowing) {

        public Edge {
            joinedColumns = List.copyOf(joinedColumns);
            otherColumns = List.copyOf(otherColumns);
            narrowing = List.copyOf(narrowing);
        }
    }

    private static final Pattern PLAIN_EQUALITY = Pattern.compile("\\s*[\\w.\"`]+\\s*=\\s*[\\w.\"`]+\\s*");
    /** A cast changes a key's type, not which rows match: {@code cast(a.id as bigint)}, {@code a.id::varchar}. */
    private static final Pattern CAST = Pattern.compile("(?:try_)?cast\\(([\\w.]+) as [\\w ,()]+?\\)|([\\w.]+)\\s*::\\s*[\\w]+(?:\\([\\d,]+\\))?");

    private JoinKeys() {
    }

    /** The edges of {@code q}'s own joins (not its CTEs' or subqueries'), in join order. */
    public static List<Edge> of(Query q) {
        List<Edge> out = new ArrayList<>();
        List<Relation> before = new ArrayList<>();
        if (q.from() != null) {
            before.add(q.from());
        }
        for (Join j : q.joins()) {
            Relation r = j.relation();
            Map<Relation, List<String[]>> pairs = new LinkedHashMap<>();
            List<Predicate> rest = new ArrayList<>();
            for (Predicate p : j.condition()) {
                String[] pair = plainPair(p, r, before);
                if (pair == null) {
                    rest.add(p);
                } else {
                    Relation other = relation(before, pair[2]);
                    pairs.computeIfAbsent(other, k -> new ArrayList<>()).add(pair);
                }
            }
            for (Map.Entry<Relation, List<String[]>> e : pairs.entrySet()) {
                List<String> mine = new ArrayList<>();
                List<String> theirs = new ArrayList<>();
                for (String[] p : e.getValue()) {
                    mine.add(p[0]);
                    theirs.add(p[1]);
                }
                List<Predicate> narrowing = new ArrayList<>();
                for (Predicate p : rest) {
                    if (reads(p, r) || reads(p, e.getKey())) {
                        narrowing.add(p);
                    }
                }
                for (Predicate p : q.predicates()) {
                    if (p.clause() != Predicate.Clause.HAVING && (reads(p, r) || reads(p, e.getKey()))) {
                        narrowing.add(p);
                    }
                }
                out.add(new Edge(j, r, mine, e.getKey(), theirs, narrowing));
            }
            before.add(r);
        }
        return out;
    }

    /** {joinedColumn, otherColumn, otherAlias} for {@code a.x = b.y} between {@code joined} and an earlier relation. */
    private static String[] plainPair(Predicate p, Relation joined, List<Relation> before) {
        if (!p.operator().equals("=") || p.left().size() != 1 || p.right().size() != 1
                || !PLAIN_EQUALITY.matcher(uncast(Expressions.normalized(p.text()))).matches()) {
            return null;
        }
        ColumnRef l = p.left().getFirst();
        ColumnRef rr = p.right().getFirst();
        if (is(l, joined) && relation(before, rr.qualifier()) != null) {
            return new String[] {l.column(), rr.column(), rr.qualifier()};
        }
        if (is(rr, joined) && relation(before, l.qualifier()) != null) {
            return new String[] {rr.column(), l.column(), l.qualifier()};
        }
        return null;
    }

    /** The text with every cast of a plain column replaced by the column. */
    static String uncast(String normalized) {
        return CAST.matcher(normalized).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1) != null ? m.group(1) : m.group(2)));
    }

    private static boolean is(ColumnRef c, Relation r) {
        return c.isQualified() && c.qualifier().equalsIgnoreCase(r.alias());
    }

    private static Relation relation(List<Relation> rs, String alias) {
        if (alias.isEmpty()) {
            return null;
        }
        for (Relation r : rs) {
            if (r.alias().equalsIgnoreCase(alias)) {
                return r;
            }
        }
        return null;
    }

    /** True when {@code p} reads a column of {@code r} (qualified with its alias). */
    private static boolean reads(Predicate p, Relation r) {
        return p.columns().stream().anyMatch(c -> is(c, r));
    }
}
