package dev.lastmile.dbt.model;

import java.util.List;

/**
 * One conjunct of a WHERE, ON or HAVING condition ({@code a AND b} gives two), split on its comparison operator.
 *
 * @param text     the conjunct's text
 * @param operator {@code =}, {@code >=}, {@code between}, {@code in}, ... or empty when it is no comparison
 * @param left     columns on the left of the operator
 * @param right    columns on the right (for BETWEEN, in either bound)
 * @param clause   where it stands
 * @param line     1-based line in the rendered SQL
 */
public record Predicate(String text, String operator, List<ColumnRef> left, List<ColumnRef> right, Clause clause,
                        int line) {

    public enum Clause { WHERE, ON, HAVING, QUALIFY }

    public Predicate {
        left = List.copyOf(left);
        right = List.copyOf(right);
    }

    /** Every column either side reads. */
    public List<ColumnRef> columns() {
        List<ColumnRef> all = new java.util.ArrayList<>(left);
        all.addAll(right);
        return all;
    }

    public boolean isRangeComparison() {
        return switch (operator) {
            case ">", ">=", "<", "<=", "between" -> true;
            default -> false;
        };
    }
}
