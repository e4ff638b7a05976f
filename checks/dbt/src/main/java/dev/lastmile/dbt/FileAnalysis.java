package dev.lastmile.dbt;

import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.SqlStatement;
import dev.lastmile.dbt.render.Rendered;
import dev.lastmile.dbt.sql.SqlParser;
import java.util.List;
import java.util.Optional;

/**
 * One SQL file, rendered and parsed: what every SQL rule reads.
 *
 * @param path        repository path
 * @param rendered    the rendering with {@code is_incremental()} false (a full build)
 * @param parsed      its statements
 * @param incremental the rendering with {@code is_incremental()} true, when the file calls it and the model is built
 *                    incrementally (dbt never takes that branch for another materialization); else null
 * @param incrementalParsed its statements, or null
 */
public record FileAnalysis(String path, Rendered rendered, SqlParser.Parsed parsed, Rendered incremental,
                           SqlParser.Parsed incrementalParsed) {

    /** The line a person edits for a line of the full-build rendering. */
    public int sourceLine(int renderedLine) {
        return rendered.sourceLine(renderedLine);
    }

    public List<SqlStatement> statements() {
        return parsed.statements();
    }

    /** The query whose result the model is: the last statement that has one. */
    public Optional<Query> modelQuery() {
        return modelQuery(parsed);
    }

    public static Optional<Query> modelQuery(SqlParser.Parsed p) {
        if (p == null) {
            return Optional.empty();
        }
        for (int i = p.statements().size() - 1; i >= 0; i--) {
            if (p.statements().get(i).query() != null) {
                return Optional.of(p.statements().get(i).query());
            }
        }
        return Optional.empty();
    }

    /** True when every statement (of both renderings) parsed to a full JSqlParser tree. */
    public boolean fullTree() {
        return parsed.fullTree() && (incrementalParsed == null || incrementalParsed.fullTree());
    }
}
