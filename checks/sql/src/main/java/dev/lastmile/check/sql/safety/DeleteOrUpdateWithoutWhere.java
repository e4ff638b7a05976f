package dev.lastmile.check.sql.safety;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.check.sql.SqlRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.model.SqlStatement;
import java.util.ArrayList;
import java.util.List;

/** {@code DELETE} or {@code UPDATE} with no {@code WHERE}: every row of the table. */
public final class DeleteOrUpdateWithoutWhere implements SqlRule {

    public static final RuleMeta META = new RuleMeta("SQL030", "sql.safety.delete_update_without_where",
            Category.SQL_HYGIENE, Severity.HIGH,
            "DELETE or UPDATE without WHERE touches every row",
            "In hooks, macros, snapshots and scripts a DELETE or UPDATE without WHERE empties or rewrites the whole "
                    + "table on the next run; warehouses keep no undo beyond time travel, and a scheduled job repeats "
                    + "the damage every night.",
            "Add the WHERE clause that names the rows, or use TRUNCATE (or create or replace) when emptying the "
                    + "table is really intended, so the intent is visible.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** A migration, backfill or hook by its path: where a whole-table change is the job, run once or on purpose. */
    private static final java.util.regex.Pattern DELIBERATE_PLACE = java.util.regex.Pattern.compile(
            "(^|/)(migrations?|migrate|backfills?|hooks?)/|(^|/)[^/]*(migration|migrate|backfill|hook)[^/]*$"
                    + "|(^|/)V\\d+(_\\d+)*__[^/]*$", java.util.regex.Pattern.CASE_INSENSITIVE);

    @Override
    public List<Finding> check(ModelContext m) {
        List<Finding> out = new ArrayList<>();
        java.util.Set<String> created = new java.util.HashSet<>();
        for (SqlStatement s : m.analysis().statements()) {
            if (s.kind() == SqlStatement.Kind.CREATE && !s.target().isEmpty()) {
                created.add(s.target().toLowerCase(java.util.Locale.ROOT));
            }
            if ((s.kind() == SqlStatement.Kind.DELETE || s.kind() == SqlStatement.Kind.UPDATE) && !s.hasWhere()) {
                String message = s.kind().name() + " of " + (s.target().isEmpty() ? "a table" : s.target())
                        + " has no WHERE clause: it changes every row";
                String deliberate = created.contains(s.target().toLowerCase(java.util.Locale.ROOT)) && !s.target().isEmpty()
                        ? "this script created the table above: a build step"
                        : DELIBERATE_PLACE.matcher(m.path()).find() ? "it lives in a migration, backfill or hook" : null;
                Finding f = m.at(META, s.startLine(), deliberate == null ? message
                        : message + " (graded medium: " + deliberate + ", where a whole-table change is usually the intent; "
                        + "check it is)");
                // issue 16: a deliberate whole-table change is weighed by where it lives, not failed as an accident
                out.add(deliberate == null ? f : f.withSeverity(Severity.MEDIUM));
            }
        }
        return out;
    }
}
