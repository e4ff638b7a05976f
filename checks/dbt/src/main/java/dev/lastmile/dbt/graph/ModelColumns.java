package dev.lastmile.dbt.graph;

import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.dbt.DbtAnalyzer;
import dev.lastmile.dbt.DbtScan;
import dev.lastmile.dbt.DbtSettings;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.RelationMeta;
import dev.lastmile.dbt.model.ColumnLineage;
import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.Relation;
import dev.lastmile.dbt.model.SelectItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns each model of one revision outputs, read from its SQL (rendered and parsed once, shared through the
 * revision's {@link DbtAnalyzer}): every named item of the model's final query, and the columns a {@code select *}
 * passes through from an upstream model (expanded from that model's own columns) or from a source whose YAML lists
 * its columns. A star over anything else leaves the list open ({@link Columns#closed()} false): the model may output
 * more than is listed. Computed on demand per model, so only the models a rule asks about are parsed.
 */
public final class ModelColumns {

    /**
     * One output column.
     *
     * @param name       lower-cased output name
     * @param line       the line of the model file that produces it (its select item, or the star)
     * @param type       the type it is cast to in the select list ({@code cast(x as numeric)}, {@code x::int}), else ""
     * @param origins    the upstream columns it comes from
     * @param expression the select item's text (empty for a column passed through a star)
     */
    public record Column(String name, int line, String type, List<ColumnLineage.Origin> origins, String expression) {
    }

    /**
     * A model's output.
     *
     * @param closed false when a star over an unknown relation may add columns not listed
     * @param parsed false when the model could not be read or has no query: nothing is known
     */
    public record Columns(String model, String path, Map<String, Column> columns, boolean closed, boolean parsed) {
        public Optional<Column> column(String name) {
            return Optional.ofNullable(columns.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private static final Pattern CAST = Pattern.compile(
            "(?is)^\\s*(?:safe_cast|try_cast|cast)\\s*\\((.*)\\s+as\\s+([a-z_][\\w ]*(?:\\([^)]*\\))?)\\s*\\)\\s*$");
    private static final Pattern COLON_CAST = Pattern.compile("(?is)::\\s*([a-z_][\\w ]*(?:\\([^)]*\\))?)\\s*$");

    private final DbtScan.Revision revision;
    private final ProjectGraph graph;
    private final Map<String, Columns> memo = new ConcurrentHashMap<>();

    public ModelColumns(DbtScan.Revision revision, ProjectGraph graph) {
        this.revision = revision;
        this.graph = graph;
    }

    /** The columns of the project at head, shared per scan. */
    public static ModelColumns head(ScanContext context) {
        return context.shared(new Key("head", DbtSettings.from(context.policy())), ModelColumns.class,
                () -> new ModelColumns(DbtScan.head(context), ProjectGraph.head(context)));
    }

    /** The columns of the project at the base of a pull request (head's in a full scan). */
    public static ModelColumns base(ScanContext context) {
        if (context.base() == null) {
            return head(context);
        }
        return context.shared(new Key("base", DbtSettings.from(context.policy())), ModelColumns.class,
                () -> new ModelColumns(DbtScan.base(context), ProjectGraph.base(context)));
    }

    private record Key(String revision, DbtSettings settings) {
    }

    public ProjectGraph graph() {
        return graph;
    }

    public DbtScan.Revision revision() {
        return revision;
    }

    /** The columns of a model or snapshot; empty when the revision has no such node. */
    public Optional<Columns> of(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        String path = graph.nodes().get(name);
        if (path == null) {
            return Optional.empty();
        }
        Columns known = memo.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        // a cycle (a model reading itself through stars) resolves to an open, empty list
        memo.put(name, new Columns(name, path, Map.of(), false, false));
        Columns c = compute(name, path);
        memo.put(name, c);
        return Optional.of(c);
    }

    /** The analysis of a node's file at this revision. */
    public Optional<FileAnalysis> analysis(String model) {
        String path = graph.nodes().get(model.toLowerCase(Locale.ROOT));
        return path == null ? Optional.empty() : revision.analyzer().analyze(path);
    }

    private Columns compute(String name, String path) {
        Optional<FileAnalysis> fa = revision.analyzer().analyze(path);
        Optional<Query> q = fa.flatMap(FileAnalysis::modelQuery);
        if (q.isEmpty()) {
            return new Columns(name, path, Map.of(), false, false);
        }
        FileAnalysis a = fa.get();
        ColumnLineage.Output out = a.lineage(q.get());
        Map<String, SelectItem> items = new LinkedHashMap<>();
        for (SelectItem i : q.get().items()) {
            if (!i.star() && !i.outputName().isEmpty()) {
                items.putIfAbsent(i.outputName(), i);
            }
        }
        Map<String, Column> cols = new LinkedHashMap<>();
        for (ColumnLineage.OutputColumn c : out.columns()) {
            if (c.name().startsWith("_col")) {
                continue;
            }
            SelectItem item = items.get(c.name());
            String expr = item == null ? "" : item.expression();
            cols.putIfAbsent(c.name(), new Column(c.name(), a.sourceLine(c.line()), castType(expr), c.origins(), expr));
        }
        boolean closed = true;
        for (ColumnLineage.StarOutput s : out.stars()) {
            List<String> passed = new ArrayList<>();
            if (s.kind() == Relation.Kind.REF) {
                Optional<Columns> up = of(s.relation());
                if (up.isEmpty() || !up.get().parsed()) {
                    closed = false;
                    continue;
                }
                closed &= up.get().closed();
                passed.addAll(up.get().columns().keySet());
            } else if (s.kind() == Relation.Kind.SOURCE) {
                Optional<RelationMeta> src = revision.project().source(s.relation());
                if (src.isEmpty() || src.get().columns().isEmpty()) {
                    closed = false;
                    continue;
                }
                passed.addAll(src.get().columns().keySet());
            } else {
                closed = false;
                continue;
            }
            for (String col : passed) {
                if (!s.except().contains(col)) {
                    cols.putIfAbsent(col, new Column(col, a.sourceLine(s.line()), "",
                            List.of(new ColumnLineage.Origin(s.kind(), s.relation(), col,
                                    dev.lastmile.dbt.model.Derivation.DIRECT, s.line())), ""));
                }
            }
        }
        return new Columns(name, path, cols, closed, true);
    }

    /** The type a select item casts its value to, normalised (lower case, single spaces), or "". */
    public static String castType(String expression) {
        if (expression == null || expression.isBlank()) {
            return "";
        }
        String e = expression.strip();
        // drop a trailing alias: "cast(x as int) as y"
        Matcher alias = Pattern.compile("(?is)^(.*?)\\s+as\\s+[\"`]?\\w+[\"`]?$").matcher(e);
        if (alias.matches() && !CAST.matcher(e).matches()) {
            e = alias.group(1);
        }
        Matcher m = CAST.matcher(e);
        if (m.matches()) {
            return normaliseType(m.group(2));
        }
        Matcher c = COLON_CAST.matcher(e);
        if (c.find()) {
            return normaliseType(c.group(1));
        }
        return "";
    }

    public static String normaliseType(String type) {
        return type.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("\\s*\\(\\s*", "(").replaceAll("\\s*,\\s*", ",")
                .replaceAll("\\s*\\)", ")").strip();
    }
}
