package dev.lastmile.check.sql.parse;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.check.sql.SqlRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.model.SqlStatement;
import java.util.List;

/** One informational finding per file that JSqlParser did not parse to a full tree: the rules ran at lower precision. */
public final class ParsedByFallbackOnly implements SqlRule {

    public static final RuleMeta META = new RuleMeta("SQL090", "sql.parse.fallback", Category.PARSE, Severity.INFO,
            "A statement was not parsed to a full tree; rules ran on the token-level fallback",
            "lastmile never skips a file silently: when the SQL parser lacks a construct, relations, CTEs and select "
                    + "lists are recovered from tokens so the rules keep working, at lower precision. This finding "
                    + "says which construct, so coverage gaps are visible.",
            "Nothing to fix in your SQL. If the construct is common, report it so the normaliser learns it "
                    + "(docs/sql-coverage.md lists the known ones).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ModelContext m) {
        if (m.analysis().rendered().failed()) {
            return List.of(); // SQL091 already says so
        }
        for (SqlStatement s : m.analysis().statements()) {
            if (!s.fullTree()) {
                long others = m.analysis().statements().stream().filter(x -> !x.fullTree()).count() - 1;
                return List.of(m.at(META, s.startLine(), "JSqlParser rejected this statement (" + s.problem() + ")"
                        + (others > 0 ? " and " + others + " more in this file" : "")
                        + "; the SQL rules read it through the token-level fallback").withFingerprintKey("fallback"));
            }
        }
        return List.of();
    }
}
