package dev.lastmile.dbt.graph;

import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.DbtScan;
import dev.lastmile.dbt.DbtSettings;
import dev.lastmile.dbt.ProjectFiles;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who uses which model in one revision of a dbt project: every {@code ref()} of a model or snapshot file (read from
 * the file's text, with its line: no rendering, so the whole project costs one pass over its files), of an
 * exposure, of a semantic model and of a {@code relationships} test, with the {@link Properties} they come from.
 * Shared per revision and scan ({@link #head}, {@link #base}) by every check that asks.
 *
 * <p>A {@code ref()} built by Jinja at run time ({@code ref(var('x'))}) is not seen; a {@code ref()} in a Jinja
 * comment is not counted.
 */
public final class ProjectGraph {

    /** What kind of node uses a model. */
    public enum Kind {
        MODEL("model"), SNAPSHOT("snapshot"), EXPOSURE("exposure"), SEMANTIC_MODEL("semantic model"), TEST("test");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One use of a model by a node.
     *
     * @param kind  the using node's kind
     * @param node  the using node's name (a model name, an exposure name, {@code model.column:test} for a test)
     * @param path  the file that holds the use
     * @param line  the line of the {@code ref()}
     * @param model the model used
     */
    public record Use(Kind kind, String node, String path, int line, String model) {
        public String describe() {
            return kind.label() + " " + node + " (" + path + ")";
        }
    }

    static final Pattern REF = Pattern.compile(
            "\\bref\\(\\s*(?:['\"][\\w.-]+['\"]\\s*,\\s*)?['\"]([\\w.-]+)['\"]");
    private static final Pattern JINJA_COMMENT = Pattern.compile("\\{#.*?#}", Pattern.DOTALL);
    private static final Pattern SNAPSHOT_BLOCK = Pattern.compile("\\{%-?\\s*snapshot\\s+(\\w+)");

    private final DbtProject project;
    private final Properties properties;
    private final Map<String, String> nodes = new LinkedHashMap<>();            // model/snapshot name → file
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final Map<String, List<Use>> usesOf = new LinkedHashMap<>();        // model → its uses
    private final Map<String, Set<String>> parents = new LinkedHashMap<>();     // node → models it refs

    private ProjectGraph(DbtProject project, Properties properties) {
        this.project = project;
        this.properties = properties;
    }

    /** The graph of the project at head, built once per scan. */
    public static ProjectGraph head(ScanContext context) {
        return context.shared(new Key("head", DbtSettings.from(context.policy())), ProjectGraph.class, () -> {
            DbtScan.Revision r = DbtScan.head(context);
            return of(r.project(), r.files());
        });
    }

    /** The graph of the project at the base of a pull request (head's in a full scan). */
    public static ProjectGraph base(ScanContext context) {
        if (context.base() == null) {
            return head(context);
        }
        return context.shared(new Key("base", DbtSettings.from(context.policy())), ProjectGraph.class, () -> {
            DbtScan.Revision r = DbtScan.base(context);
            return of(r.project(), r.files());
        });
    }

    private record Key(String revision, DbtSettings settings) {
    }

    public static ProjectGraph of(DbtProject project, ProjectFiles files) {
        ProjectGraph g = new ProjectGraph(project, Properties.of(project, files));
        if (!project.isDbt()) {
            return g;
        }
        for (Map.Entry<String, String> m : project.modelFiles().entrySet()) {
            String text = files.read(m.getValue()).orElse("");
            Matcher snap = SNAPSHOT_BLOCK.matcher(text);
            String name = m.getKey();
            Kind kind = Kind.MODEL;
            if (snap.find()) {
                kind = Kind.SNAPSHOT;
                name = snap.group(1).toLowerCase(Locale.ROOT);
            }
            g.nodes.putIfAbsent(name, m.getValue());
            g.kinds.putIfAbsent(name, kind);
            String code = blankComments(text);
            String[] lines = code.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].contains("ref")) {
                    continue;
                }
                Matcher r = REF.matcher(lines[i]);
                while (r.find()) {
                    g.add(new Use(kind, name, m.getValue(), i + 1, r.group(1).toLowerCase(Locale.ROOT)));
                }
            }
        }
        for (Properties.Exposure e : g.properties.exposures()) {
            for (Properties.RefAt r : e.dependsOn()) {
                g.add(new Use(Kind.EXPOSURE, e.name(), e.file(), r.line(), r.model()));
            }
        }
        for (Properties.SemanticModel s : g.properties.semanticModels()) {
            s.model().ifPresent(r -> g.add(new Use(Kind.SEMANTIC_MODEL, s.name(), s.file(), r.line(), r.model())));
        }
        for (Properties.Model m : g.properties.models().values()) {
            for (Properties.Column c : m.columns().values()) {
                for (Properties.Test t : c.tests()) {
                    t.to().ifPresent(to -> g.add(new Use(Kind.TEST, m.name() + "." + c.name() + ":" + t.name(), m.file(),
                            t.line(), to)));
                }
            }
        }
        return g;
    }

    /** Blanks Jinja comments, keeping every line break so lines stay where they are. */
    private static String blankComments(String text) {
        if (!text.contains("{#")) {
            return text;
        }
        Matcher m = JINJA_COMMENT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().replaceAll("[^\n]", " ")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void add(Use use) {
        List<Use> list = usesOf.computeIfAbsent(use.model(), k -> new ArrayList<>());
        // one use per node and model: the first ref() in the file is the line to show
        if (list.stream().noneMatch(u -> u.kind() == use.kind() && u.node().equals(use.node()))) {
            list.add(use);
        }
        parents.computeIfAbsent(use.node(), k -> new LinkedHashSet<>()).add(use.model());
    }

    public DbtProject project() {
        return project;
    }

    public Properties properties() {
        return properties;
    }

    /** Model and snapshot names and their files. */
    public Map<String, String> nodes() {
        return nodes;
    }

    public Kind kindOf(String node) {
        return kinds.getOrDefault(node, Kind.MODEL);
    }

    /** Every direct use of {@code model}: models, snapshots, exposures, semantic models, relationships tests. */
    public List<Use> usesOf(String model) {
        return usesOf.getOrDefault(model.toLowerCase(Locale.ROOT), List.of());
    }

    /** The models {@code node} refs. */
    public Set<String> parentsOf(String node) {
        return parents.getOrDefault(node, Set.of());
    }

    /** The exposures reached downstream of {@code model} through models and snapshots, sorted by name. */
    public Set<String> exposuresDownstreamOf(String model) {
        Set<String> exposures = new TreeSet<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(model.toLowerCase(Locale.ROOT)));
        while (!todo.isEmpty()) {
            String m = todo.pop();
            if (!seen.add(m)) {
                continue;
            }
            for (Use u : usesOf(m)) {
                if (u.kind() == Kind.EXPOSURE) {
                    exposures.add(u.node());
                } else if (u.kind() == Kind.MODEL || u.kind() == Kind.SNAPSHOT) {
                    todo.add(u.node());
                }
            }
        }
        return exposures;
    }

    /** Every model and snapshot downstream of {@code model}, nearest first (the model itself excluded). */
    public Set<String> downstreamOf(String model) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(model.toLowerCase(Locale.ROOT)));
        while (!todo.isEmpty()) {
            String m = todo.poll();
            for (Use u : usesOf(m)) {
                if ((u.kind() == Kind.MODEL || u.kind() == Kind.SNAPSHOT) && out.add(u.node())) {
                    todo.add(u.node());
                }
            }
        }
        out.remove(model.toLowerCase(Locale.ROOT));
        return out;
    }
}
