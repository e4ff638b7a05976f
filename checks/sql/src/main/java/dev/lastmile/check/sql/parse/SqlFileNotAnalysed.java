package dev.lastmile.check.sql.parse;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/** A .sql file the check could not render or read: binary, too large, or Jinja that Jinjava rejects. Reported by SqlCheck. */
public final class SqlFileNotAnalysed {

    public static final RuleMeta META = new RuleMeta("SQL091", "sql.parse.not_analysed", Category.PARSE, Severity.INFO,
            "A SQL file could not be rendered or read in full",
            "A file the rules cannot read is a file they cannot vouch for; saying so keeps a green check honest.",
            "For Jinja errors, check the template renders with dbt compile; binary or generated files can be "
                    + "excluded with ignore: in .lastmile.yml.");

    private SqlFileNotAnalysed() {
    }
}
