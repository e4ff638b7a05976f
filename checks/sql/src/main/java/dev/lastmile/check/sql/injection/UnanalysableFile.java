package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * SQL019: the injection analysis could not follow (part of) a file: an unterminated Jinja tag or string, a file over
 * the size limit, an internal error. Reported so a skipped file is never a silent pass.
 */
public final class UnanalysableFile {

    public static final RuleMeta META = new RuleMeta("SQL019", "sql.injection.unanalysable",
            Category.PARSE, Severity.INFO,
            "File could not be fully analysed for SQL injection",
            "A part of the file the analysis cannot read is a part nobody checked; saying so keeps a clean result "
                    + "honest. An unterminated Jinja tag or string usually also fails `dbt compile`.",
            "Fix the syntax the message points at (dbt compile shows the same error), or split a very large file.");

    private UnanalysableFile() {
    }
}
