package dev.lastmile.dbt.model;

import java.util.List;
import java.util.Optional;

/**
 * One SELECT scope. A set operation ({@code UNION ALL}) is a query whose {@link #branches()} hold the operands, the
 * first operand's items standing for the output.
 *
 * @param ctes       the WITH clause's queries, in order
 * @param from       the first relation of FROM (null for a SELECT without FROM)
 * @param joins      the relations joined to it, in order
 * @param items      the select list
 * @param predicates WHERE, HAVING and QUALIFY conjuncts (a join's ON conjuncts are on the join)
 * @param groupBy    true when it groups (GROUP BY, or aggregates without GROUP BY are reported by the items)
 * @param branches   the other operands of a set operation
 * @param line       1-based line of its SELECT in the rendered SQL
 * @param groupKeys  the GROUP BY expressions as written, lower-cased and whitespace-collapsed (an ordinal stays
 *                   {@code "1"}, {@code GROUP BY ALL} is {@code ["all"]}); empty without GROUP BY or when the
 *                   token-level reader could not delimit them
 * @param distinct   true for {@code SELECT DISTINCT} (not {@code DISTINCT ON (...)})
 */
public record Query(List<Cte> ctes, Relation from, List<Join> joins, List<SelectItem> items,
                    List<Predicate> predicates, boolean groupBy, List<Query> branches, int line,
                    List<String> groupKeys, boolean distinct) {

    /** A query without GROUP BY keys or DISTINCT recorded (builders that do not read them). */
    public Query(List<Cte> ctes, Relation from, List<Join> joins, List<SelectItem> items,
                 List<Predicate> predicates, boolean groupBy, List<Query> branches, int line) {
        this(ctes, from, joins, items, predicates, groupBy, branches, line, List.of(), false);
    }

    public record Cte(String name, Query query, int line) {
    }

    public Query {
        ctes = List.copyOf(ctes);
        joins = List.copyOf(joins);
        items = List.copyOf(items);
        predicates = List.copyOf(predicates);
        branches = List.copyOf(branches);
        groupKeys = List.copyOf(groupKeys);
    }

    /** The same query with other CTEs (its body unchanged). */
    public Query withCtes(List<Cte> newCtes) {
        return new Query(newCtes, from, joins, items, predicates, groupBy, branches, line, groupKeys, distinct);
    }

    /** The same query as the head of a set operation whose other operands are {@code others}. */
    public Query withBranches(List<Cte> newCtes, List<Query> others) {
        return new Query(newCtes, from, joins, items, predicates, groupBy, others, line, groupKeys, distinct);
    }

    /** Every relation of FROM and the joins, in order. */
    public List<Relation> relations() {
        List<Relation> out = new java.util.ArrayList<>();
        if (from != null) {
            out.add(from);
        }
        for (Join j : joins) {
            out.add(j.relation());
        }
        return out;
    }

    /** The relation known in this scope by {@code alias} (its alias, or its name's last part). */
    public Optional<Relation> relation(String alias) {
        for (Relation r : relations()) {
            if (r.alias().equalsIgnoreCase(alias)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public Optional<Cte> cte(String name) {
        for (Cte c : ctes) {
            if (c.name().equalsIgnoreCase(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** WHERE/HAVING conjuncts and every join's ON conjuncts. */
    public List<Predicate> allPredicates() {
        List<Predicate> out = new java.util.ArrayList<>(predicates);
        for (Join j : joins) {
            out.addAll(j.condition());
        }
        return out;
    }
}
