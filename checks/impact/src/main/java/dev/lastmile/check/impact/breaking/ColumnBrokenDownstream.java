package dev.lastmile.check.impact.breaking;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.check.impact.ImpactRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.graph.ModelColumns;
import dev.lastmile.dbt.graph.ProjectGraph;
import dev.lastmile.dbt.graph.Properties;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * IMP001: a column a changed model stops producing (removed or renamed) or produces with another type, while
 * downstream models (through CTEs and {@code select *}), snapshots, exposures, semantic models, metrics or YAML tests
 * still use it. Reported at the line of the change in the model (or its YAML), naming every broken dependent, how it
 * uses the column and where, and the exposures reached. A change nothing downstream uses is quiet.
 */
public final class ColumnBrokenDownstream implements ImpactRule {

    static final RuleMeta META = new RuleMeta("IMP001", "impact.breaking.column_used_downstream", Category.IMPACT,
            Severity.HIGH,
            "A column is removed, renamed or retyped while downstream models, exposures or tests still use it",
            "A model's columns are an interface: every model, snapshot, semantic model, metric, test and dashboard built "
                    + "on it reads them by name and expects their type. Dropping or renaming one fails every dependent "
                    + "at its next run (or, behind a select *, silently drops it from the marts built on it); retyping "
                    + "one changes joins, sums and comparisons downstream.",
            "Update the dependents named in the finding in the same pull request, or keep the old column next to the "
                    + "new one (amount as order_amount, amount) until they have moved; for a model with consumers "
                    + "outside the project, publish a new model version instead.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** What happened to one column of one model. */
    record ColumnChange(String model, String column, String what, String path, int line) {
    }

    @Override
    public List<Finding> check(ImpactContext change) {
        if (!change.comparesRevisions()) {
            return List.of();
        }
        ProjectGraph headGraph = change.headGraph();
        ProjectGraph baseGraph = change.baseGraph().orElseThrow();
        if (!headGraph.project().isDbt()) {
            return List.of();
        }
        ModelColumns head = ModelColumns.head(change.scan());
        ModelColumns base = ModelColumns.base(change.scan());
        List<Finding> out = new ArrayList<>();
        for (String model : changedModels(change, baseGraph, headGraph)) {
            for (ColumnChange c : columnChanges(model, base, head, baseGraph, headGraph)) {
                Uses uses = new Uses(headGraph, head, c.what().startsWith("retyped"));
                uses.collect(model, c.column(), new LinkedHashSet<>(), "");
                if (uses.broken.isEmpty()) {
                    continue;
                }
                String message = "`" + c.column() + "` " + c.what() + " in " + model + ": " + String.join("; ", uses.broken)
                        + "." + (uses.exposures.isEmpty() ? ""
                        : (uses.exposures.size() == 1 ? " Exposure reached: " : " Exposures reached: ")
                        + String.join(", ", uses.exposures) + ".");
                out.add(Finding.of(META, c.path(), Region.line(c.line()), message)
                        .withStatus(FindingStatus.NEW)
                        .withProperty("impact.changed", model + "." + c.column())
                        .withProperty("impact.dependents", String.join(",", uses.dependents))
                        .withProperty("impact.exposures", String.join(",", uses.exposures))
                        .withProperty("impact.edges", String.join(",", uses.edges))
                        .withFingerprintKey(META.id() + ":" + model + ":" + c.column()));
            }
        }
        return out;
    }

    /** Models present at both revisions whose SQL file or YAML properties the change touched. */
    static Set<String> changedModels(ImpactContext change, ProjectGraph base, ProjectGraph head) {
        Set<String> out = new TreeSet<>();
        head.nodes().forEach((name, path) -> {
            if (!base.nodes().containsKey(name)) {
                return;
            }
            Optional<Properties.Model> props = head.properties().model(name);
            if (change.touched(path) || props.map(p -> change.touched(p.file())).orElse(false)
                    || base.properties().model(name).map(p -> change.touched(p.file())).orElse(false)) {
                out.add(name);
            }
        });
        return out;
    }

    static List<ColumnChange> columnChanges(String model, ModelColumns base, ModelColumns head, ProjectGraph baseGraph,
                                            ProjectGraph headGraph) {
        List<ColumnChange> out = new ArrayList<>();
        Optional<ModelColumns.Columns> b = base.of(model);
        Optional<ModelColumns.Columns> h = head.of(model);
        if (b.isPresent() && h.isPresent() && b.get().parsed() && h.get().parsed()) {
            ModelColumns.Columns before = b.get();
            ModelColumns.Columns after = h.get();
            List<String> order = new ArrayList<>(before.columns().keySet());
            for (int i = 0; i < order.size(); i++) {
                String col = order.get(i);
                ModelColumns.Column was = before.columns().get(col);
                Optional<ModelColumns.Column> now = after.column(col);
                if (now.isPresent()) {
                    String t0 = was.type();
                    String t1 = now.get().type();
                    if (!t0.isEmpty() && !t1.isEmpty() && !t0.equals(t1) && !declaredAtHead(headGraph, model, col, t1)) {
                        out.add(new ColumnChange(model, col, "retyped from " + t0 + " to " + t1, after.path(), now.get().line()));
                    }
                    continue;
                }
                Optional<ModelColumns.Column> renamed = renamedTo(was, before, after);
                if (renamed.isPresent()) {
                    out.add(new ColumnChange(model, col, "renamed to `" + renamed.get().name() + "`", after.path(),
                            renamed.get().line()));
                } else if (after.closed()) {
                    out.add(new ColumnChange(model, col, "removed", after.path(), lineOfRemoval(order, i, after)));
                }
            }
        }
        // a type changed in the YAML (data_type), where the SQL does not say. Only an enforced contract makes the
        // warehouse build the column with that type; without one, data_type is documentation and the SQL decides
        // (bench/impact, aspects-dbt: docs commits moving Float64 to Float32 broke nothing)
        Optional<Properties.Model> pb = baseGraph.properties().model(model);
        Optional<Properties.Model> ph = headGraph.properties().model(model);
        if (pb.isPresent() && ph.isPresent() && ph.get().contractEnforced()) {
            for (Properties.Column cb : pb.get().columns().values()) {
                Optional<Properties.Column> ch = ph.get().column(cb.name());
                if (ch.isEmpty() || cb.dataType().isEmpty() || ch.get().dataType().isEmpty()) {
                    continue;
                }
                String t0 = ModelColumns.normaliseType(cb.dataType());
                String t1 = ModelColumns.normaliseType(ch.get().dataType());
                boolean reported = out.stream().anyMatch(c -> c.column().equals(cb.name()));
                if (!t0.equals(t1) && !reported) {
                    out.add(new ColumnChange(model, cb.name(), "retyped from " + t0 + " to " + t1 + " (data_type)",
                            ph.get().file(), ch.get().dataTypeLine()));
                }
            }
        }
        return out;
    }

    /**
     * The head column a removed column became: one that is new at head and reads exactly the same upstream columns
     * the same way (the same expression under another name).
     */
    private static Optional<ModelColumns.Column> renamedTo(ModelColumns.Column was, ModelColumns.Columns before,
                                                           ModelColumns.Columns after) {
        if (was.origins().isEmpty()) {
            return Optional.empty();
        }
        Set<String> from = originKeys(was);
        List<ModelColumns.Column> matches = new ArrayList<>();
        for (ModelColumns.Column c : after.columns().values()) {
            if (!before.columns().containsKey(c.name()) && originKeys(c).equals(from)) {
                matches.add(c);
            }
        }
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /**
     * Whether head's YAML declares the column with the type the SQL now gives it: the change brings the column to its
     * documented type (what dependents and tests were written against), a fix rather than a break (bench/impact,
     * dbt-synthea: a NULL cast from varchar to the declared integer).
     */
    private static boolean declaredAtHead(ProjectGraph head, String model, String column, String type) {
        return head.properties().model(model).flatMap(m -> m.column(column))
                .map(c -> c.dataType() != null && !c.dataType().isEmpty() && ModelColumns.normaliseType(c.dataType()).equals(type))
                .orElse(false);
    }

    private static Set<String> originKeys(ModelColumns.Column c) {
        Set<String> out = new TreeSet<>();
        c.origins().forEach(o -> out.add(o.kind() + ":" + o.relation() + "." + o.column() + ":" + o.derivation()));
        return out;
    }

    /** Where a removed column was: the line of the nearest column before it that is still there. */
    private static int lineOfRemoval(List<String> order, int index, ModelColumns.Columns after) {
        for (int i = index - 1; i >= 0; i--) {
            Optional<ModelColumns.Column> c = after.column(order.get(i));
            if (c.isPresent()) {
                return c.get().line();
            }
        }
        return after.columns().values().stream().mapToInt(ModelColumns.Column::line).min().orElse(1);
    }

    /** The dependents of a column at head, collected through star pass-through. */
    static final class Uses {
        final List<String> broken = new ArrayList<>();
        final Set<String> exposures = new TreeSet<>();
        /** The names of the nodes that break, for the summary's blast radius. */
        final Set<String> dependents = new LinkedHashSet<>();
        /** {@code from>to} edges of the blast radius graph (an exposure is {@code exposure:name}). */
        final Set<String> edges = new LinkedHashSet<>();
        private String root;
        private final ProjectGraph graph;
        private final ModelColumns head;
        /** A retype, where a dependent that only passes the column on (unchanged, not incremental) breaks nothing. */
        private final boolean retype;

        Uses(ProjectGraph graph, ModelColumns head, boolean retype) {
            this.graph = graph;
            this.head = head;
            this.retype = retype;
        }

        void collect(String model, String column, Set<String> seen, String via) {
            if (!seen.add(model) || seen.size() > 200) {
                return;
            }
            if (root == null) {
                root = model + "." + column;
            }
            String from = via.isEmpty() ? root : model;
            // the model's own YAML tests of the column
            graph.properties().model(model).flatMap(p -> p.column(column).map(c -> new Object[] {p, c})).ifPresent(pc -> {
                Properties.Model p = (Properties.Model) pc[0];
                Properties.Column c = (Properties.Column) pc[1];
                for (Properties.Test t : c.tests()) {
                    broken.add("test " + t.name() + " on " + model + "." + column + " (" + p.file() + ":" + t.line() + ")");
                    dependents.add("test " + t.name());
                }
            });
            for (ProjectGraph.Use use : graph.usesOf(model)) {
                switch (use.kind()) {
                    case MODEL, SNAPSHOT -> model(model, column, use, seen, via, from);
                    case EXPOSURE -> {
                        exposures.add(use.node());
                        dependents.add(use.node());
                        edges.add(from + ">exposure:" + use.node());
                        broken.add("exposure " + use.node() + " depends on " + model + via + " (" + use.path() + ":"
                                + use.line() + ")");
                    }
                    case SEMANTIC_MODEL -> semantic(model, column, use);
                    case TEST -> graph.properties().models().values().stream()
                            .flatMap(m -> m.columns().values().stream().flatMap(c -> c.tests().stream()
                                    .filter(t -> t.to().map(model::equals).orElse(false)
                                            && t.field().map(f -> f.equalsIgnoreCase(column)).orElse(false)
                                            && use.line() == t.line())
                                    .map(t -> "test relationships " + m.name() + "." + c.name() + " → " + model + "."
                                            + column + " (" + m.file() + ":" + t.line() + ")")))
                            .forEach(broken::add);
                    default -> {
                    }
                }
            }
        }

        private void model(String model, String column, ProjectGraph.Use use, Set<String> seen, String via, String from) {
            String dependent = use.node();
            var analysis = head.analysis(dependent);
            if (analysis.isEmpty()) {
                return;
            }
            var fa = analysis.get();
            var query = fa.modelQuery();
            if (query.isEmpty()) {
                return;
            }
            List<dev.lastmile.dbt.model.ColumnUses.Use> reads = dev.lastmile.dbt.model.ColumnUses.of(query.get());
            dev.lastmile.dbt.model.ColumnUses.Use first = null;
            for (var r : reads) {
                if (r.kind() == dev.lastmile.dbt.model.Relation.Kind.REF && r.relation().equalsIgnoreCase(model)
                        && r.column().equals(column) && (!r.ambiguous() || onlyHolder(reads, r, column))) {
                    first = r;
                    break;
                }
            }
            if (first != null && retype) {
                Optional<String> passedAs = passedOnUnchanged(dependent, model, column, reads, fa);
                if (passedAs.isPresent()) {
                    // the new type flows on: what reads the passed-on column downstream decides
                    edges.add(from + ">" + dependent);
                    collect(dependent, passedAs.get(), seen, " (passed on by " + dependent + ")");
                    return;
                }
            }
            if (first != null) {
                int line = fa.sourceLine(first.line());
                broken.add(use.kind().label() + " " + dependent + " reads " + first.written() + via + " (" + use.path()
                        + ":" + line + ")");
                dependents.add(dependent);
                edges.add(from + ">" + dependent);
                for (String e : graph.exposuresDownstreamOf(dependent)) {
                    exposures.add(e);
                    edges.add(dependent + ">exposure:" + e);
                }
                return;
            }
            // a select * that passed the column on: the dependent loses it too, and so do its own dependents
            boolean passes = fa.lineage(query.get()).stars().stream().anyMatch(st ->
                    st.kind() == dev.lastmile.dbt.model.Relation.Kind.REF && st.relation().equalsIgnoreCase(model)
                            && !st.except().contains(column));
            if (passes) {
                edges.add(from + ">" + dependent);
                collect(dependent, column, seen, " (through " + dependent + "'s select *)");
            }
        }

        /**
         * The dependent's output column when its only reads of {@code model.column} are one select item that is the
         * column itself (no cast, function or arithmetic), and the dependent is rebuilt whole (not incremental, whose
         * existing table keeps the old type): then a retype changes the dependent's column type and breaks nothing in
         * it (bench/impact, dbt-cta: bigint-to-timestamp casts passed through twelve base models).
         */
        private Optional<String> passedOnUnchanged(String dependent, String model, String column,
                                                   List<dev.lastmile.dbt.model.ColumnUses.Use> reads,
                                                   dev.lastmile.dbt.FileAnalysis fa) {
            List<dev.lastmile.dbt.model.ColumnUses.Use> mine = reads.stream()
                    .filter(r -> r.relation() != null && r.relation().equalsIgnoreCase(model) && r.column().equals(column))
                    .toList();
            if (mine.isEmpty() || mine.stream().anyMatch(r -> !r.clause().equals("select"))) {
                return Optional.empty();
            }
            if (dev.lastmile.dbt.DbtAnalyzer.incrementalMaterialization(graph.project(), fa.path(), fa.rendered().config())) {
                return Optional.empty();
            }
            Optional<ModelColumns.Columns> outs = head.of(dependent);
            if (outs.isEmpty()) {
                return Optional.empty();
            }
            List<String> passed = new ArrayList<>();
            for (ModelColumns.Column c : outs.get().columns().values()) {
                boolean fromIt = c.origins().stream().anyMatch(o -> o.relation() != null
                        && o.relation().equalsIgnoreCase(model) && o.column().equals(column));
                if (!fromIt) {
                    continue;
                }
                String e = c.expression() == null ? "" : c.expression().strip().toLowerCase(java.util.Locale.ROOT);
                if (!e.matches("([a-z_][a-z0-9_]*\\.)?\"?" + java.util.regex.Pattern.quote(column) + "\"?")) {
                    return Optional.empty(); // computed from it: the new type may not fit
                }
                passed.add(c.name());
            }
            return passed.size() == 1 && mine.size() == 1 ? Optional.of(passed.getFirst()) : Optional.empty();
        }

        /** An unqualified reference read from several relations counts when no other of them is known to hold the column. */
        private boolean onlyHolder(List<dev.lastmile.dbt.model.ColumnUses.Use> reads,
                                   dev.lastmile.dbt.model.ColumnUses.Use r, String column) {
            for (var other : reads) {
                if (other.line() == r.line() && other.written().equals(r.written()) && other.clause().equals(r.clause())
                        && !Objects.equals(other.relation(), r.relation())) {
                    if (other.kind() != dev.lastmile.dbt.model.Relation.Kind.REF) {
                        return false;
                    }
                    Optional<ModelColumns.Columns> cols = head.of(other.relation());
                    if (cols.isEmpty() || !cols.get().closed() || cols.get().columns().containsKey(column)) {
                        return false;
                    }
                }
            }
            return true;
        }

        private void semantic(String model, String column, ProjectGraph.Use use) {
            for (Properties.SemanticModel s : graph.properties().semanticModels()) {
                if (!s.name().equals(use.node())) {
                    continue;
                }
                for (Properties.SemanticField f : s.fields()) {
                    if (mentions(f.expr(), column)) {
                        broken.add("semantic model " + s.name() + " " + f.kind() + " " + f.name() + " (" + s.file() + ":"
                                + f.line() + ")");
                        dependents.add(s.name());
                        if (f.kind().equals("measure")) {
                            for (Properties.Metric m : graph.properties().metrics()) {
                                if (m.measures().contains(f.name())) {
                                    broken.add("metric " + m.name() + " (" + m.file() + ":" + m.line() + ")");
                                    dependents.add(m.name());
                                }
                            }
                        }
                    }
                }
            }
        }

        /** True when the expression names the column as a whole word. */
        static boolean mentions(String expr, String column) {
            return java.util.regex.Pattern.compile("(?i)(?<!\\w)" + java.util.regex.Pattern.quote(column) + "(?!\\w)")
                    .matcher(expr).find();
        }
    }
}
