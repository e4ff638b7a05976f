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
 */
public record Query(List<Cte> ctes, Relation from, List<Join> joins, List<SelectItem> items,
                    List<Predicate> predicates, boolean groupBy, List<Query> branches, int line) {

    public record Cte(String name, Query query, int line) {
    }

    public Query {
        ctes = List.copyOf(ctes);
        joins = List.copyOf(joins);
        items = List.copyOf(items);
        predicates = List.copyOf(predicates);
        branches = List.copyOf(branches);
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
