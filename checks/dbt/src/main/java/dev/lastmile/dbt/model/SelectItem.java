package dev.lastmile.dbt.model;

import java.util.List;

/**
 * One item of a select list.
 *
 * @param outputName    the column name the item produces (its alias, or the column's own name), lower-cased;
 *                      empty for a star or an unnamed expression
 * @param expression    the item's text as parsed
 * @param columns       the columns it reads
 * @param derivation    how its value relates to those columns
 * @param star          true for {@code *} and {@code alias.*}
 * @param starQualifier the alias before {@code .*}, empty for a bare {@code *}
 * @param except        names in {@code * EXCEPT (...)}, lower-cased
 * @param line          1-based line in the rendered SQL
 */
public record SelectItem(String outputName, String expression, List<ColumnRef> columns, Derivation derivation,
                         boolean star, String starQualifier, List<String> except, int line) {

    public SelectItem {
        columns = List.copyOf(columns);
        except = List.copyOf(except);
        starQualifier = starQualifier == null ? "" : starQualifier;
        outputName = outputName == null ? "" : outputName;
    }
}
