package dev.lastmile.dbt.graph;

import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.ProjectFiles;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The project's YAML properties with the line of every entry: models (columns, data types, tests, contracts,
 * versions, access and group), exposures, semantic models, metrics and groups. {@code DbtProject} keeps what most
 * checks need without lines; this is what a check needs to report at the line a person edits, and to tell who uses a
 * model or a column ({@link ProjectGraph}). Reads YAML only: no rendering, no warehouse.
 */
public final class Properties {

    /** A {@code ref()} inside YAML, at its line. */
    public record RefAt(String model, int line) {
    }

    /** One test of a column or model: {@code unique}, {@code relationships} (with {@code to}/{@code field}), ... */
    public record Test(String name, int line, Optional<String> to, Optional<String> field, Map<String, String> args) {
    }

    public record Column(String name, String dataType, int line, int dataTypeLine, List<Test> tests,
                         List<String> constraints) {
    }

    /** One entry of a model's {@code versions:}. */
    public record Version(String v, int line) {
    }

    /**
     * A model's (or snapshot's) properties.
     *
     * @param contractEnforced {@code config.contract.enforced} in the YAML
     * @param access           {@code access} or {@code config.access} (private, protected, public), empty when absent
     * @param group            {@code group} or {@code config.group}, empty when absent
     */
    public record Model(String name, String file, int line, Map<String, Column> columns, boolean contractEnforced,
                        int contractLine, List<Version> versions, Optional<String> latestVersion, Optional<String> access,
                        Optional<String> group, List<Test> tests, Optional<String> description) {
        public Optional<Column> column(String name) {
            return Optional.ofNullable(columns.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    public record Exposure(String name, String file, int line, String type, List<RefAt> dependsOn) {
    }

    /** A field of a semantic model (entity, measure, dimension) and the column expression it reads. */
    public record SemanticField(String kind, String name, String expr, int line) {
    }

    public record SemanticModel(String name, String file, int line, Optional<RefAt> model, List<SemanticField> fields) {
    }

    /** A metric and the measures and metrics it is built from. */
    public record Metric(String name, String file, int line, List<String> measures, List<String> metrics) {
    }

    public record Group(String name, String file, int line) {
    }

    /** A YAML file that did not parse. */
    public record Problem(String file, int line, String message) {
    }

    private static final Map<String, String> FIELD_KIND = Map.of("entities", "entity", "measures", "measure",
            "dimensions", "dimension");

    static final Pattern REF = Pattern.compile(
            "\\bref\\(\\s*(?:['\"][^'\"]*['\"]\\s*,\\s*)?['\"]([^'\"]+)['\"]");

    private final Map<String, Model> models = new LinkedHashMap<>();
    private final List<Exposure> exposures = new ArrayList<>();
    private final List<SemanticModel> semanticModels = new ArrayList<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private Properties() {
    }

    /** Reads every YAML file under the project's model and snapshot paths. */
    public static Properties of(DbtProject project, ProjectFiles files) {
        Properties p = new Properties();
        if (!project.isDbt()) {
            return p;
        }
        for (String path : files.files()) {
            if ((path.endsWith(".yml") || path.endsWith(".yaml")) && project.isUnderModelPath(path)) {
                files.read(path).ifPresent(text -> p.read(path, text));
            }
        }
        return p;
    }

    /** Reads one properties file's text (tests, and files the caller selects itself). */
    public static Properties ofTexts(Map<String, String> files) {
        Properties p = new Properties();
        files.forEach(p::read);
        return p;
    }

    public Optional<Model> model(String name) {
        return Optional.ofNullable(models.get(name.toLowerCase(Locale.ROOT)));
    }

    public Map<String, Model> models() {
        return models;
    }

    public List<Exposure> exposures() {
        return exposures;
    }

    public List<SemanticModel> semanticModels() {
        return semanticModels;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    public List<Problem> problems() {
        return problems;
    }

    private void read(String file, String text) {
        Node root;
        try {
            LoaderOptions o = new LoaderOptions();
            o.setMaxAliasesForCollections(50);
            o.setCodePointLimit(5 * 1024 * 1024);
            root = new Yaml(new SafeConstructor(o)).compose(new StringReader(text));
        } catch (RuntimeException e) {
            int line = e instanceof org.yaml.snakeyaml.error.MarkedYAMLException my && my.getProblemMark() != null
                    ? my.getProblemMark().getLine() + 1 : 1;
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\\R", 2)[0];
            problems.add(new Problem(file, line, msg));
            return;
        }
        if (!(root instanceof MappingNode doc)) {
            return;
        }
        for (String key : List.of("models", "snapshots")) {
            for (MappingNode m : mappings(get(doc, key))) {
                model(file, m).ifPresent(x -> models.putIfAbsent(x.name(), x));
            }
        }
        for (MappingNode e : mappings(get(doc, "exposures"))) {
            String name = scalar(get(e, "name"));
            if (name == null) {
                continue;
            }
            List<RefAt> deps = new ArrayList<>();
            Node dependsOn = get(e, "depends_on");
            if (dependsOn instanceof SequenceNode seq) {
                for (Node d : seq.getValue()) {
                    refIn(d).ifPresent(deps::add);
                }
            }
            exposures.add(new Exposure(name, file, line(e), Optional.ofNullable(scalar(get(e, "type"))).orElse(""), deps));
        }
        for (MappingNode s : mappings(get(doc, "semantic_models"))) {
            String name = scalar(get(s, "name"));
            if (name == null) {
                continue;
            }
            List<SemanticField> fields = new ArrayList<>();
            for (String kind : List.of("entities", "measures", "dimensions")) {
                for (MappingNode f : mappings(get(s, kind))) {
                    String fname = scalar(get(f, "name"));
                    if (fname == null) {
                        continue;
                    }
                    String expr = Optional.ofNullable(scalar(get(f, "expr"))).orElse(fname);
                    fields.add(new SemanticField(FIELD_KIND.get(kind), fname, expr, line(f)));
                }
            }
            semanticModels.add(new SemanticModel(name, file, line(s), refIn(get(s, "model")), fields));
        }
        for (MappingNode m : mappings(get(doc, "metrics"))) {
            String name = scalar(get(m, "name"));
            if (name == null) {
                continue;
            }
            List<String> measures = new ArrayList<>();
            List<String> usesMetrics = new ArrayList<>();
            Node params = get(m, "type_params");
            if (params instanceof MappingNode tp) {
                for (String k : List.of("measure", "numerator", "denominator")) {
                    Node n = get(tp, k);
                    String v = n instanceof MappingNode nm ? scalar(get(nm, "name")) : scalar(n);
                    if (v != null) {
                        (k.equals("measure") ? measures : usesMetrics).add(v);
                    }
                }
                for (MappingNode mm : mappings(get(tp, "metrics"))) {
                    Optional.ofNullable(scalar(get(mm, "name"))).ifPresent(usesMetrics::add);
                }
                for (Node mm : sequence(get(tp, "metrics"))) {
                    Optional.ofNullable(scalar(mm)).ifPresent(usesMetrics::add);
                }
                Node cumulative = get(tp, "input_measures");
                for (Node mm : sequence(cumulative)) {
                    Optional.ofNullable(mm instanceof MappingNode x ? scalar(get(x, "name")) : scalar(mm)).ifPresent(measures::add);
                }
            }
            metrics.add(new Metric(name, file, line(m), measures, usesMetrics));
        }
        for (MappingNode g : mappings(get(doc, "groups"))) {
            String name = scalar(get(g, "name"));
            if (name != null) {
                groups.putIfAbsent(name, new Group(name, file, line(g)));
            }
        }
    }

    private static Optional<Model> model(String file, MappingNode m) {
        String name = scalar(get(m, "name"));
        if (name == null) {
            return Optional.empty();
        }
        MappingNode config = get(m, "config") instanceof MappingNode c ? c : null;
        Node contract = config == null ? null : get(config, "contract");
        if (contract == null) {
            contract = get(m, "contract");
        }
        boolean enforced = contract instanceof MappingNode cm && truthy(scalar(get(cm, "enforced")));
        int contractLine = contract == null ? 0 : line(contract);
        Map<String, Column> columns = new LinkedHashMap<>();
        for (MappingNode c : mappings(get(m, "columns"))) {
            column(c).ifPresent(col -> columns.putIfAbsent(col.name(), col));
        }
        List<Version> versions = new ArrayList<>();
        for (MappingNode v : mappings(get(m, "versions"))) {
            String vv = scalar(get(v, "v"));
            if (vv != null) {
                versions.add(new Version(vv, line(v)));
            }
        }
        return Optional.of(new Model(name.toLowerCase(Locale.ROOT), file, line(m), columns, enforced, contractLine,
                versions, Optional.ofNullable(scalar(get(m, "latest_version"))),
                firstOf(scalar(get(m, "access")), config == null ? null : scalar(get(config, "access"))),
                firstOf(scalar(get(m, "group")), config == null ? null : scalar(get(config, "group"))),
                tests(m), Optional.ofNullable(scalar(get(m, "description"))).filter(d -> !d.isBlank())));
    }

    private static Optional<Column> column(MappingNode c) {
        String name = scalar(get(c, "name"));
        if (name == null) {
            return Optional.empty();
        }
        String col = name.toLowerCase(Locale.ROOT).replace("\"", "").replace("`", "");
        Node dt = get(c, "data_type");
        List<String> constraints = new ArrayList<>();
        for (MappingNode con : mappings(get(c, "constraints"))) {
            Optional.ofNullable(scalar(get(con, "type"))).ifPresent(constraints::add);
        }
        return Optional.of(new Column(col, Optional.ofNullable(scalar(dt)).orElse(""), line(c), dt == null ? line(c) : line(dt),
                tests(c), constraints));
    }

    private static List<Test> tests(MappingNode node) {
        List<Test> out = new ArrayList<>();
        for (String key : List.of("tests", "data_tests")) {
            for (Node t : sequence(get(node, key))) {
                if (t instanceof ScalarNode s) {
                    out.add(new Test(s.getValue(), line(s), Optional.empty(), Optional.empty(), Map.of()));
                } else if (t instanceof MappingNode tm && !tm.getValue().isEmpty()) {
                    NodeTuple first = tm.getValue().get(0);
                    String name = scalar(first.getKeyNode());
                    Map<String, String> args = new LinkedHashMap<>();
                    if (first.getValueNode() instanceof MappingNode am) {
                        MappingNode argNode = get(am, "arguments") instanceof MappingNode a ? a : am;
                        for (NodeTuple arg : argNode.getValue()) {
                            String k = scalar(arg.getKeyNode());
                            String v = scalar(arg.getValueNode());
                            if (k != null && v != null) {
                                args.put(k, v);
                            }
                        }
                    }
                    Optional<String> to = Optional.ofNullable(args.get("to")).flatMap(v -> {
                        Matcher m = REF.matcher(v);
                        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
                    });
                    out.add(new Test(name == null ? "" : name, line(tm), to, Optional.ofNullable(args.get("field")), args));
                }
            }
        }
        return out;
    }

    private static Optional<RefAt> refIn(Node n) {
        String v = scalar(n);
        if (v == null) {
            return Optional.empty();
        }
        Matcher m = REF.matcher(v);
        return m.find() ? Optional.of(new RefAt(m.group(1).toLowerCase(Locale.ROOT), line(n))) : Optional.empty();
    }

    private static Optional<String> firstOf(String a, String b) {
        return Optional.ofNullable(a != null ? a : b);
    }

    private static boolean truthy(String v) {
        return v != null && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    static int line(Node n) {
        return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }

    static Node get(Node map, String key) {
        if (!(map instanceof MappingNode m)) {
            return null;
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    static String scalar(Node n) {
        if (n instanceof ScalarNode s && !"null".equals(s.getTag().getValue().replace("tag:yaml.org,2002:", ""))) {
            return s.getValue();
        }
        return null;
    }

    private static List<Node> sequence(Node n) {
        return n instanceof SequenceNode s ? s.getValue() : List.of();
    }

    private static List<MappingNode> mappings(Node n) {
        List<MappingNode> out = new ArrayList<>();
        for (Node e : sequence(n)) {
            if (e instanceof MappingNode m) {
                out.add(m);
            }
        }
        return out;
    }
}
