package dev.lastmile.dbt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import dev.lastmile.dbt.profile.Profiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A repository read as a dbt project (or, when it has no {@code dbt_project.yml}, as a plain SQL repository): where
 * models and macros live, the dialect, project vars, installed packages, and what {@code schema.yml} /
 * {@code sources.yml} say about models, sources and their columns. Loading never throws: a broken YAML file becomes
 * a {@link #problems() problem} naming the file.
 */
public final class DbtProject {

    /** One file the loader could not read. */
    public record Problem(String path, int line, String message) {
    }

    private final boolean dbt;
    private final String root;
    private final String name;
    private final Dialect dialect;
    private final String dialectReason;
    private final boolean dialectFromPolicy;
    private final String profileTarget;
    private final Map<String, Object> targetConfig;
    private final List<String> modelPaths;
    private final List<String> macroPaths;
    private final Map<String, Object> vars;
    private final Map<String, String> modelsByName;
    private final Map<String, RelationMeta> models;
    private final Map<String, RelationMeta> sources;
    private final Set<String> exposedModels;
    private final List<String> macroFiles;
    private final Map<String, List<String>> packageMacroFiles;
    private final Map<String, Object> modelConfigTree;
    private final List<Problem> problems;
    private final Profiles profiles;
    private final List<Exposure> exposures;
    private final List<SemanticModel> semanticModels;

    private static final String PROFILES_UNREADABLE = "profiles.yml could not be read: ";

    private DbtProject(Builder b) {
        this.dbt = b.dbt;
        this.root = b.root;
        this.name = b.name;
        this.dialect = b.dialect;
        this.dialectReason = b.dialectReason;
        this.dialectFromPolicy = b.dialectFromPolicy;
        this.profileTarget = b.profileTarget;
        this.targetConfig = Map.copyOf(b.targetConfig);
        this.modelPaths = List.copyOf(b.modelPaths);
        this.macroPaths = List.copyOf(b.macroPaths);
        this.vars = b.vars;
        this.modelsByName = Map.copyOf(b.modelsByName);
        this.models = Map.copyOf(b.models);
        this.sources = Map.copyOf(b.sources);
        this.exposedModels = Set.copyOf(b.exposedModels);
        this.macroFiles = List.copyOf(b.macroFiles);
        this.packageMacroFiles = Map.copyOf(b.packageMacroFiles);
        this.modelConfigTree = b.modelConfigTree;
        this.problems = List.copyOf(b.problems);
        this.profiles = b.profiles;
        this.exposures = List.copyOf(b.exposures);
        this.semanticModels = List.copyOf(b.semanticModels);
    }

    /**
     * Reads the project from {@code files}. {@code dialectOverride} (the policy's {@code sql.dialect}) wins over the
     * adapter in {@code profiles.yml}; without either, the dialect is inferred from the repository's files
     * ({@link DialectInference}), ANSI when they do not decide.
     */
    public static DbtProject load(ProjectFiles files, Dialect dialectOverride) {
        Builder b = new Builder();
        List<String> all = files.files();
        String projectFile = all.stream()
                .filter(p -> p.equals("dbt_project.yml") || p.endsWith("/dbt_project.yml"))
                .filter(p -> !isInstalledPackage(p))
                .min(Comparator.comparingInt((String p) -> p.split("/").length).thenComparing(p -> p))
                .orElse(null);
        b.dbt = projectFile != null;
        b.root = projectFile == null ? "" : projectFile.substring(0, projectFile.length() - "dbt_project.yml".length());
        Map<String, Object> project = projectFile == null ? Map.of() : yamlMap(files, projectFile, b.problems);
        b.name = str(project.get("name"), "");
        b.modelPaths = strList(project.getOrDefault("model-paths", project.getOrDefault("source-paths", List.of("models"))));
        b.modelPaths.addAll(strList(project.getOrDefault("snapshot-paths", List.of("snapshots"))));
        b.macroPaths = strList(project.getOrDefault("macro-paths", List.of("macros")));
        b.vars = new LinkedHashMap<>();
        if (project.get("vars") instanceof Map<?, ?> v) {
            v.forEach((k, val) -> {
                if (val instanceof Map<?, ?> nested && String.valueOf(k).equals(b.name)) {
                    nested.forEach((nk, nv) -> b.vars.put(String.valueOf(nk), nv));
                } else {
                    b.vars.put(String.valueOf(k), val);
                }
            });
        }
        b.modelConfigTree = project.get("models") instanceof Map<?, ?> m ? castMap(m) : Map.of();

        // profiles.yml, wherever the repository keeps it: the adapter type of the default target gives the dialect
        b.profiles = Profiles.find(all, files::read, b.root, str(project.get("profile"), b.name));
        Profiles.Result dflt = b.profiles.target(Optional.empty());
        Dialect fromProfile = null;
        if (dflt.target().isPresent()) {
            Profiles.Target t = dflt.target().get();
            b.profileTarget = t.name();
            b.targetConfig = new LinkedHashMap<>(t.settings());
            fromProfile = Dialect.fromAdapter(t.type()).orElse(null);
        } else if (dflt.problem().startsWith(PROFILES_UNREADABLE)) {
            b.problems.add(new Problem(dflt.file(), dflt.problemLine(), dflt.problem().substring(PROFILES_UNREADABLE.length())));
        }
        b.dialectFromPolicy = dialectOverride != null;
        if (dialectOverride != null) {
            b.dialect = dialectOverride;
            b.dialectReason = "sql.dialect " + dialectOverride.id() + " from the policy";
        } else if (fromProfile != null) {
            b.dialect = fromProfile;
            b.dialectReason = "adapter type of profile target '" + b.profileTarget + "'";
        } else {
            // no profile and no policy: what the repository's files say, and why (the output repeats the reason)
            DialectInference.Inferred inferred = DialectInference.infer(files);
            b.dialect = inferred.dialect();
            b.dialectReason = inferred.reason();
        }

        for (String p : all) {
            if (!p.startsWith(b.root)) {
                continue;
            }
            String rel = p.substring(b.root.length());
            if (isInstalledPackage(p)) {
                // dbt_packages/<pkg>/macros/**.sql
                String[] parts = rel.split("/");
                if (parts.length >= 3 && p.endsWith(".sql") && rel.contains("/macros/")) {
                    b.packageMacroFiles.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(p);
                }
                continue;
            }
            if (p.endsWith(".sql") && under(rel, b.macroPaths)) {
                b.macroFiles.add(p);
            } else if (p.endsWith(".sql") && (under(rel, b.modelPaths) || !b.dbt)) {
                String model = fileStem(p);
                b.modelsByName.putIfAbsent(model.toLowerCase(Locale.ROOT), p);
            }
            if ((p.endsWith(".yml") || p.endsWith(".yaml")) && b.dbt && under(rel, b.modelPaths)) {
                readSchemaFile(files, p, b);
            }
        }
        return new DbtProject(b);
    }

    /** True for a file of an installed package ({@code dbt_packages/}, {@code dbt_modules/}), not the project's own. */
    public static boolean isInstalledPackage(String path) {
        return path.startsWith("dbt_packages/") || path.contains("/dbt_packages/")
                || path.startsWith("dbt_modules/") || path.contains("/dbt_modules/")
                || path.startsWith("dbt-packages/") || path.contains("/dbt-packages/");
    }

    private static boolean under(String rel, List<String> dirs) {
        for (String d : dirs) {
            String dir = d.endsWith("/") ? d : d + "/";
            if (dir.contains("{{")) {
                // model-paths: ["{{ env_var('SYNC_NAME') }}/models"]: any folder stands for the Jinja part
                String re = java.util.Arrays.stream(dir.split("\\{\\{.*?}}", -1)).map(java.util.regex.Pattern::quote)
                        .collect(java.util.stream.Collectors.joining("[^/]+"));
                if (rel.matches(re + ".*")) {
                    return true;
                }
            } else if (rel.startsWith(dir)) {
                return true;
            }
        }
        return false;
    }

    static String fileStem(String path) {
        String f = path.substring(path.lastIndexOf('/') + 1);
        int dot = f.indexOf('.');
        return dot < 0 ? f : f.substring(0, dot);
    }

    private static final java.util.regex.Pattern REF_IN_YAML = java.util.regex.Pattern.compile(
            "ref\\(\\s*(?:['\"][^'\"]*['\"]\\s*,\\s*)?['\"]([^'\"]+)['\"]");
    private static final java.util.regex.Pattern SOURCE_IN_YAML = java.util.regex.Pattern.compile(
            "source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]");

    private static void readSchemaFile(ProjectFiles files, String path, Builder b) {
        Map<String, Object> doc = yamlMap(files, path, b.problems);
        if (doc.get("models") instanceof List<?> models) {
            for (Object o : models) {
                if (o instanceof Map<?, ?> m && m.get("name") != null) {
                    RelationMeta r = relation("model", str(m.get("name"), ""), path, "", configured(m, "schema"), castMap(m), null);
                    b.models.put(r.name(), r);
                }
            }
        }
        if (doc.get("sources") instanceof List<?> sources) {
            for (Object o : sources) {
                if (!(o instanceof Map<?, ?> s) || s.get("name") == null) {
                    continue;
                }
                String source = str(s.get("name"), "").toLowerCase(Locale.ROOT);
                String db = str(s.get("database"), str(s.get("project"), ""));
                String schema = str(s.get("schema"), str(s.get("dataset"), source));
                boolean sourceRestricted = piiFlag(castMap(s)) != null;
                if (s.get("tables") instanceof List<?> tables) {
                    for (Object t : tables) {
                        if (t instanceof Map<?, ?> tm && tm.get("name") != null) {
                            String table = str(tm.get("name"), "").toLowerCase(Locale.ROOT);
                            RelationMeta r = relation("source", source + "." + table, path, db, schema, castMap(tm), castMap(s));
                            if (sourceRestricted && !r.restricted()) {
                                r = r.restrictedCopy();
                            }
                            b.sources.put(r.name(), r);
                        }
                    }
                }
            }
        }
        if (doc.get("exposures") instanceof List<?> exposures) {
            for (Object o : exposures) {
                if (!(o instanceof Map<?, ?> e)) {
                    continue;
                }
                List<String> refs = new ArrayList<>();
                List<String> srcs = new ArrayList<>();
                if (e.get("depends_on") instanceof List<?> deps) {
                    for (Object d : deps) {
                        java.util.regex.Matcher m = REF_IN_YAML.matcher(String.valueOf(d));
                        if (m.find()) {
                            refs.add(m.group(1).toLowerCase(Locale.ROOT));
                            b.exposedModels.add(m.group(1).toLowerCase(Locale.ROOT));
                        }
                        java.util.regex.Matcher sm = SOURCE_IN_YAML.matcher(String.valueOf(d));
                        if (sm.find()) {
                            srcs.add((sm.group(1) + "." + sm.group(2)).toLowerCase(Locale.ROOT));
                        }
                    }
                }
                if (e.get("name") != null) {
                    b.exposures.add(new Exposure(str(e.get("name"), ""), str(e.get("type"), ""), refs, srcs, path));
                }
            }
        }
        if (doc.get("semantic_models") instanceof List<?> semantic) {
            for (Object o : semantic) {
                if (o instanceof Map<?, ?> sm && sm.get("name") != null) {
                    java.util.regex.Matcher m = REF_IN_YAML.matcher(str(sm.get("model"), ""));
                    b.semanticModels.add(new SemanticModel(str(sm.get("name"), ""), m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "",
                            names(sm.get("measures")), names(sm.get("dimensions")), path));
                }
            }
        }
    }

    /** The {@code name:} of each entry of a YAML list. */
    private static List<String> names(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && m.get("name") != null) {
                    out.add(String.valueOf(m.get("name")));
                }
            }
        }
        return out;
    }

    private static String configured(Map<?, ?> m, String key) {
        if (m.get("config") instanceof Map<?, ?> c && c.get(key) != null) {
            return String.valueOf(c.get(key));
        }
        return "";
    }

    /**
     * @param m      the YAML node of the model or source table
     * @param parent for a source table, its source's node (meta and tags it inherits); else null
     */
    private static RelationMeta relation(String kind, String name, String file, String db, String schema, Map<String, Object> m,
                                         Map<String, Object> parent) {
        Map<String, ColumnMeta> cols = new LinkedHashMap<>();
        List<String> tests = new ArrayList<>(testNames(m));
        List<Map<String, Object>> constraints = new ArrayList<>(constraintList(m));
        List<UniqueKey> keys = new ArrayList<>(UniqueKeys.fromTests(m, null));
        if (m.get("columns") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> c && c.get("name") != null) {
                    Map<String, Object> cm = castMap(c);
                    String reason = piiFlag(cm);
                    String col = str(c.get("name"), "").toLowerCase(Locale.ROOT).replace("\"", "").replace("`", "");
                    cols.put(col, new ColumnMeta(col, reason != null, reason, tags(cm), str(c.get("data_type"), ""), 0));
                    testNames(cm).forEach(t -> tests.add(col + ":" + t));
                    keys.addAll(UniqueKeys.fromTests(cm, col));
                    for (Map<String, Object> con : constraintList(cm)) {
                        Map<String, Object> withColumn = new LinkedHashMap<>(con);
                        withColumn.putIfAbsent("columns", List.of(col));
                        constraints.add(withColumn);
                    }
                }
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        if (parent != null) {
            meta.putAll(metaOf(parent));
            tags.addAll(tags(parent));
        }
        meta.putAll(metaOf(m));
        tags.addAll(tags(m));
        boolean contract = m.get("config") instanceof Map<?, ?> c && c.get("contract") instanceof Map<?, ?> ct
                && truthy(String.valueOf(ct.get("enforced")).toLowerCase(Locale.ROOT));
        keys.addAll(UniqueKeys.fromConstraints(constraints));
        UniqueKeys.fromConfig(m.get("config") instanceof Map<?, ?> c ? c.get("unique_key") : null).ifPresent(keys::add);
        // a table's own freshness (null included, which turns it off) wins over its source's
        boolean freshness = "source".equals(kind) && (UniqueKeys.setsFreshness(m) ? UniqueKeys.freshness(m)
                : parent != null && UniqueKeys.freshness(parent));
        return new RelationMeta(kind, name.toLowerCase(Locale.ROOT), file, db, schema, cols, piiFlag(m) != null, tags,
                meta, tests, contract, constraints, UniqueKeys.distinct(keys), str(m.get("description"), "").strip(), freshness);
    }

    /** {@code meta:} with {@code config.meta:} over it. */
    private static Map<String, Object> metaOf(Map<String, Object> node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node.get("meta") instanceof Map<?, ?> meta) {
            out.putAll(castMap(meta));
        }
        if (node.get("config") instanceof Map<?, ?> c && c.get("meta") instanceof Map<?, ?> meta) {
            out.putAll(castMap(meta));
        }
        return out;
    }

    /** Test names of {@code tests:} / {@code data_tests:}: a plain name, or the key of a configured test. */
    private static List<String> testNames(Map<String, Object> node) {
        List<String> out = new ArrayList<>();
        for (String key : List.of("tests", "data_tests")) {
            if (node.get(key) instanceof List<?> l) {
                for (Object t : l) {
                    if (t instanceof Map<?, ?> tm && !tm.isEmpty()) {
                        out.add(String.valueOf(tm.keySet().iterator().next()));
                    } else if (t != null) {
                        out.add(String.valueOf(t));
                    }
                }
            }
        }
        return out;
    }

    private static List<Map<String, Object>> constraintList(Map<String, Object> node) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (node.get("constraints") instanceof List<?> l) {
            for (Object c : l) {
                if (c instanceof Map<?, ?> cm) {
                    out.add(castMap(cm));
                }
            }
        }
        return out;
    }

    /** Meta keys that mark personal data, and classification values that mean it. */
    public static final Set<String> PII_META_KEYS = Set.of(
            "pii", "contains_pii", "is_pii", "sensitive", "personal_data", "gdpr", "phi", "contains_phi", "restricted");
    static final Set<String> PII_CLASSIFICATIONS = Set.of(
            "pii", "sensitive", "restricted", "confidential", "personal", "personal_data", "phi", "spi", "secret");

    /** Why this node's metadata marks personal data ({@code meta.contains_pii}), or null. */
    static String piiFlag(Map<String, Object> node) {
        List<Map<String, Object>> metas = new ArrayList<>();
        if (node.get("meta") instanceof Map<?, ?> meta) {
            metas.add(castMap(meta));
        }
        if (node.get("config") instanceof Map<?, ?> c && c.get("meta") instanceof Map<?, ?> meta) {
            metas.add(castMap(meta));
        }
        for (Map<String, Object> meta : metas) {
            for (Map.Entry<String, Object> e : meta.entrySet()) {
                String k = e.getKey().toLowerCase(Locale.ROOT);
                String v = String.valueOf(e.getValue()).toLowerCase(Locale.ROOT);
                if (PII_META_KEYS.contains(k) && truthy(v)) {
                    return "meta." + e.getKey();
                }
                if ((k.equals("classification") || k.equals("data_classification") || k.equals("sensitivity")
                        || k.equals("pii_type") || k.equals("masking_policy")) && !v.isBlank() && !v.equals("public")
                        && !v.equals("none") && !v.equals("false") && !v.equals("internal")) {
                    if (k.equals("pii_type") || k.equals("masking_policy") || PII_CLASSIFICATIONS.contains(v)) {
                        return "meta." + e.getKey() + ": " + v;
                    }
                }
            }
        }
        if (node.get("policy_tags") instanceof List<?> pt && !pt.isEmpty()) {
            return "policy_tags";
        }
        for (String t : tags(node)) {
            String tl = t.toLowerCase(Locale.ROOT);
            if (tl.equals("pii") || tl.equals("sensitive") || tl.equals("phi") || tl.equals("personal_data") || tl.equals("gdpr")) {
                return "tag " + t;
            }
        }
        return null;
    }

    private static boolean truthy(String v) {
        return !(v.equals("false") || v.equals("no") || v.equals("none") || v.equals("null") || v.equals("0") || v.isBlank());
    }

    private static List<String> tags(Map<String, Object> node) {
        List<String> out = new ArrayList<>();
        for (Object src : new Object[] {node.get("tags"), node.get("config") instanceof Map<?, ?> c ? c.get("tags") : null}) {
            if (src instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            } else if (src != null) {
                out.add(String.valueOf(src));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Map<String, Object> yamlMap(ProjectFiles files, String path, List<Problem> problems) {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            LoaderOptions o = new LoaderOptions();
            o.setMaxAliasesForCollections(50);
            o.setCodePointLimit(5 * 1024 * 1024);
            // dbt YAML holds Jinja ({{ env_var(...) }}); plain YAML reads it as strings, which is all we need
            Object doc = new Yaml(new SafeConstructor(o)).load(text.get());
            return doc instanceof Map<?, ?> m ? castMap(m) : Map.of();
        } catch (RuntimeException e) {
            int line = 1;
            if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException my && my.getProblemMark() != null) {
                line = my.getProblemMark().getLine() + 1;
            }
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\\R", 2)[0];
            problems.add(new Problem(path, line, msg));
            return Map.of();
        }
    }

    private static String str(Object o, String dflt) {
        return o == null ? dflt : String.valueOf(o);
    }

    private static List<String> strList(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (o != null) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    // ---------------------------------------------------------------- public API

    /** True when the repository holds a {@code dbt_project.yml} (outside installed packages). */
    public boolean isDbt() {
        return dbt;
    }

    /** The folder of {@code dbt_project.yml} ({@code ""} at the repository root, else ending in {@code /}). */
    public String root() {
        return root;
    }

    public String name() {
        return name;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Where {@link #dialect()} came from, in words: the policy, the profile target, or what was inferred from the
     * repository's files and why ({@link DialectInference}).
     */
    public String dialectReason() {
        return dialectReason;
    }

    /** True when the policy ({@code sql.dialect}) set the dialect, over the profile's adapter. */
    public boolean dialectFromPolicy() {
        return dialectFromPolicy;
    }

    /** The profile target the dialect came from, or empty. */
    public String profileTarget() {
        return profileTarget;
    }

    /** The default target's settings from {@code profiles.yml} (type, database/project, schema/dataset, location...). */
    public Map<String, Object> targetConfig() {
        return targetConfig;
    }

    public List<String> modelPaths() {
        return modelPaths;
    }

    public List<String> macroPaths() {
        return macroPaths;
    }

    /** Project vars from {@code dbt_project.yml}, the project-scoped ones flattened in. */
    public Map<String, Object> vars() {
        return vars;
    }

    /** True when {@code path} is a model (a {@code .sql} file under a model path; any {@code .sql} in a plain repo). */
    public boolean isModel(String path) {
        return modelsByName.containsValue(path);
    }

    /** True when {@code path} lies under one of the project's model or snapshot paths (models, their YAML, snapshots). */
    public boolean isUnderModelPath(String path) {
        return isDbt() && path.startsWith(root) && under(path.substring(root.length()), modelPaths) && !isInstalledPackage(path);
    }

    /** True when {@code path} lies under one of the project's macro paths (a macro file, or one being added). */
    public boolean isUnderMacroPath(String path) {
        return path.startsWith(root) && under(path.substring(root.length()), macroPaths);
    }

    public boolean isMacroFile(String path) {
        return macroFiles.contains(path);
    }

    /** The model file of a name used in {@code ref()}. */
    public Optional<String> modelPath(String model) {
        return Optional.ofNullable(modelsByName.get(model.toLowerCase(Locale.ROOT)));
    }

    /** Every model name and its file. */
    public Map<String, String> modelFiles() {
        return modelsByName;
    }

    /** The model name of a file (its name without extension). */
    public static String modelName(String path) {
        return fileStem(path).toLowerCase(Locale.ROOT);
    }

    /** What the YAML says about a model. */
    public Optional<RelationMeta> model(String name) {
        return Optional.ofNullable(models.get(name.toLowerCase(Locale.ROOT)));
    }

    /** What the YAML says about a source table, by {@code source_name.table_name}. */
    public Optional<RelationMeta> source(String sourceDotTable) {
        return Optional.ofNullable(sources.get(sourceDotTable.toLowerCase(Locale.ROOT)));
    }

    public Map<String, RelationMeta> sources() {
        return sources;
    }

    /** Models some {@code exposures:} entry depends on. */
    public Set<String> exposedModels() {
        return exposedModels;
    }

    /** The project's own macro files. */
    public List<String> macroFiles() {
        return macroFiles;
    }

    /** Installed packages ({@code dbt_packages/<name>/}) and their macro files. */
    public Map<String, List<String>> packageMacroFiles() {
        return packageMacroFiles;
    }

    /**
     * A {@code +key} setting ({@code schema}, {@code materialized}, {@code database}) that {@code dbt_project.yml}
     * gives the folder of {@code modelPath}, the deepest folder winning; empty when none does.
     */
    public Optional<String> folderConfig(String modelPath, String key) {
        String rel = modelPath.startsWith(root) ? modelPath.substring(root.length()) : modelPath;
        for (String mp : modelPaths) {
            String dir = mp.endsWith("/") ? mp : mp + "/";
            if (rel.startsWith(dir)) {
                rel = rel.substring(dir.length());
                break;
            }
        }
        String[] parts = rel.split("/");
        Object node = modelConfigTree.get(name);
        if (!(node instanceof Map<?, ?>)) {
            node = modelConfigTree;
        }
        String found = null;
        for (int i = 0; i <= parts.length - 1; i++) {
            if (!(node instanceof Map<?, ?> m)) {
                break;
            }
            Object v = m.get("+" + key);
            if (v == null) {
                v = m.get(key) instanceof Map<?, ?> ? null : m.get(key);
            }
            if (v != null) {
                found = String.valueOf(v);
            }
            if (i < parts.length - 1) {
                node = m.get(parts[i]);
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every {@code exposures:} entry. */
    public List<Exposure> exposures() {
        return exposures;
    }

    /** Every {@code semantic_models:} entry. */
    public List<SemanticModel> semanticModels() {
        return semanticModels;
    }

    /** Every model the YAML describes, by lower-cased name. */
    public Map<String, RelationMeta> describedModels() {
        return models;
    }

    /** The profiles file of the project (wherever the repository keeps it) and its targets. */
    public Profiles profiles() {
        return profiles;
    }

    /** The target a check names ({@code residency.target}), else the profile's default target; or why there is none. */
    public Profiles.Result profile(Optional<String> target) {
        return profiles.target(target);
    }

    /** YAML files that could not be read. */
    public List<Problem> problems() {
        return problems;
    }

    /** A sorted summary for logs and tests. */
    @Override
    public String toString() {
        return "DbtProject[" + (dbt ? name + " at '" + root + "'" : "plain SQL") + ", " + dialect.id() + ", "
                + modelsByName.size() + " models, " + new TreeSet<>(packageMacroFiles.keySet()) + "]";
    }

    private static final class Builder {
        boolean dbt;
        String root = "";
        String name = "";
        Dialect dialect = Dialect.ANSI;
        String dialectReason = "";
        boolean dialectFromPolicy;
        String profileTarget = "";
        Map<String, Object> targetConfig = Map.of();
        List<String> modelPaths = new ArrayList<>();
        List<String> macroPaths = new ArrayList<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, String> modelsByName = new HashMap<>();
        Map<String, RelationMeta> models = new HashMap<>();
        Map<String, RelationMeta> sources = new HashMap<>();
        Set<String> exposedModels = new java.util.HashSet<>();
        List<String> macroFiles = new ArrayList<>();
        Map<String, List<String>> packageMacroFiles = new HashMap<>();
        Map<String, Object> modelConfigTree = Map.of();
        List<Problem> problems = new ArrayList<>();
        Profiles profiles;
        List<Exposure> exposures = new ArrayList<>();
        List<SemanticModel> semanticModels = new ArrayList<>();
    }
}
