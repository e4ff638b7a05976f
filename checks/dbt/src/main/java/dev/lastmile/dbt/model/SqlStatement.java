package dev.lastmile.dbt.model;

/**
 * One statement of a rendered file, in the parser-independent model every rule reads.
 *
 * @param kind      what it does
 * @param query     its SELECT (for SELECT, CREATE ... AS SELECT, INSERT ... SELECT), else null
 * @param target    the table written (INSERT, UPDATE, DELETE, MERGE, CREATE), else empty
 * @param hasWhere  for UPDATE and DELETE: whether it has a WHERE clause
 * @param fullTree  true when JSqlParser parsed it; false when the token-level fallback recovered it
 * @param problem   for a fallback, the construct JSqlParser rejected (first error), else empty
 * @param startLine 1-based first line in the rendered SQL
 * @param endLine   1-based last line in the rendered SQL
 */
public record SqlStatement(Kind kind, Query query, String target, boolean hasWhere, boolean fullTree, String problem,
                           int startLine, int endLine) {

    public enum Kind { SELECT, INSERT, UPDATE, DELETE, MERGE, CREATE, OTHER }
}
