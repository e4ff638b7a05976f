package dev.lastmile.dbt.model;

import java.util.List;

/**
 * A join of {@code relation} to what precedes it in the FROM clause.
 *
 * @param type         {@code inner}, {@code left}, {@code right}, {@code full}, {@code cross}, or {@code comma} for
 *                     {@code from a, b}
 * @param hasCondition true when it has ON or USING (or is a lateral/unnest that needs none)
 * @param condition    the ON condition's conjuncts
 */
public record Join(Relation relation, String type, boolean hasCondition, List<Predicate> condition, int line) {

    public Join {
        condition = List.copyOf(condition);
    }
}
