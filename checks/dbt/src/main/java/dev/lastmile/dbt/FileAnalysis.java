package dev.lastmile.dbt;

import dev.lastmile.dbt.model.ColumnLineage;
import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.SqlStatement;
import dev.lastmile.dbt.render.Rendered;
import dev.lastmile.dbt.sql.SqlParser;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One SQL file, rendered and (on first request) parsed: what every SQL rule reads. The rendering is done when the
 * analysis is made; parsing, the expensive part, waits until a check asks for statements, so a check that needs only
 * what the rendering recorded ({@code ref()}s, {@code config()}) never pays for it. Column lineage of each query is
 * computed once and kept here, however many rules ask. Thread-safe.
 */
public final class FileAnalysis {

    private final String path;
    private final Rendered rendered;
    private final Rendered incremental;
    private final Dialect dialect;
    private volatile SqlParser.Parsed parsed;
    private volatile SqlParser.Parsed incrementalParsed;
    private final Map<Query, ColumnLineage.Output> lineage = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param rendered    the rendering with {@code is_incremental()} false (a full build)
     * @param incremental the rendering with {@code is_incremental()} true, when the file calls it and the model is
     *                    built incrementally (dbt never takes that branch for another materialization); else null
     * @param dialect     the dialect its statements are parsed in
     */
    public FileAnalysis(String path, Rendered rendered, Rendered incremental, Dialect dialect) {
        this.path = path;
        this.rendered = rendered;
        this.incremental = incremental;
        this.dialect = dialect;
    }

    /** An analysis whose statements are already parsed (tests, callers that parsed on their own). */
    public FileAnalysis(String path, Rendered rendered, SqlParser.Parsed parsed, Rendered incremental,
                        SqlParser.Parsed incrementalParsed) {
        this(path, rendered, incremental, Dialect.ANSI);
        this.parsed = parsed;
        this.incrementalParsed = incrementalParsed;
    }

    public String path() {
        return path;
    }

    public Rendered rendered() {
        return rendered;
    }

    /** The incremental rendering, or null. */
    public Rendered incremental() {
        return incremental;
    }

    /** The full build's statements, parsed on first request. */
    public SqlParser.Parsed parsed() {
        parse();
        return parsed;
    }

    /** The incremental rendering's statements, or null. */
    public SqlParser.Parsed incrementalParsed() {
        parse();
        return incrementalParsed;
    }

    /** True once the statements have been parsed (for measurements: what a scan really parsed). */
    public boolean isParsed() {
        return parsed != null;
    }

    private void parse() {
        if (parsed != null) {
            return;
        }
        synchronized (this) {
            if (parsed != null) {
                return;
            }
            if (incremental != null) {
                SqlParser.Twins twins = SqlParser.parseTwins(rendered.sql(), incremental.sql(), dialect);
                incrementalParsed = twins.incremental();
                parsed = twins.full();
            } else {
                parsed = SqlParser.parse(rendered.sql(), dialect);
            }
        }
    }

    /** The column lineage of {@code query} (one of this file's), computed once. */
    public ColumnLineage.Output lineage(Query query) {
        ColumnLineage.Output out = lineage.get(query);
        if (out == null) {
            out = ColumnLineage.of(query);
            lineage.put(query, out);
        }
        return out;
    }

    /** The line a person edits for a line of the full-build rendering. */
    public int sourceLine(int renderedLine) {
        return rendered.sourceLine(renderedLine);
    }

    public List<SqlStatement> statements() {
        return parsed().statements();
    }

    /** The query whose result the model is: the last statement that has one. */
    public Optional<Query> modelQuery() {
        return modelQuery(parsed());
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
        return parsed().fullTree() && (incrementalParsed() == null || incrementalParsed().fullTree());
    }
}
