package dev.lastmile.dbt.model;

import java.util.Locale;

/**
 * A column named in an expression: {@code qualifier} is the alias or relation name before the dot (empty when
 * unqualified), {@code column} the column's name, both lower-cased unless quoted.
 */
public record ColumnRef(String qualifier, String column) {

    public ColumnRef {
        qualifier = qualifier == null ? "" : qualifier;
    }

    public static ColumnRef parse(String dotted) {
        String d = dotted.replace("`", "").replace("\"", "");
        int dot = d.lastIndexOf('.');
        if (dot < 0) {
            return new ColumnRef("", d.toLowerCase(Locale.ROOT));
        }
        String q = d.substring(0, dot);
        int qdot = q.lastIndexOf('.');
        return new ColumnRef((qdot < 0 ? q : q.substring(qdot + 1)).toLowerCase(Locale.ROOT),
                d.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public boolean isQualified() {
        return !qualifier.isEmpty();
    }

    @Override
    public String toString() {
        return qualifier.isEmpty() ? column : qualifier + "." + column;
    }
}
