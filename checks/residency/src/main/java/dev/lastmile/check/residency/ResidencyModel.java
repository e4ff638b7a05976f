package dev.lastmile.check.residency;

import dev.lastmile.check.residency.dbt.ModelScope;
import dev.lastmile.check.residency.infra.InfrastructureReader;
import dev.lastmile.check.residency.infra.InfraResource;
import dev.lastmile.check.residency.infra.Terraform;
import dev.lastmile.check.residency.location.AccountLocations;
import dev.lastmile.check.residency.location.Location;
import dev.lastmile.check.residency.location.RegionCatalog;
import dev.lastmile.check.residency.policy.ResidencyPolicy;
import dev.lastmile.check.residency.policy.ResidencyPolicy.AssetRule;
import dev.lastmile.core.util.Texts;
import dev.lastmile.dbt.DbtAnalyzer;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.DbtScan;
import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.ProjectFiles;
import dev.lastmile.dbt.RelationMeta;
import dev.lastmile.dbt.model.Join;
import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.Relation;
import dev.lastmile.dbt.model.SqlStatement;
import dev.lastmile.dbt.model.Placeholders;
import dev.lastmile.dbt.naming.RelationNaming;
import dev.lastmile.dbt.profile.Profiles;
import dev.lastmile.dbt.render.Rendered;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the residency rules judge, read once from one revision of the repository: the infrastructure's storage
 * and compute with their locations, the dbt production target, every source and model with the zones it belongs to,
 * where each model is written, and the ref/source graph with the zones that flow into each model.
 *
 * <p>Sections, in reading order: <b>infrastructure</b> (Terraform modules and calls, CloudFormation/SAM, indexed by
 * dataset and bucket name); <b>dbt</b> (project, production target, schema metadata, which models a pull request
 * affects, rendering each model into a {@link ModelNode}: output relation via the naming macros, inputs, exports,
 * own zones); <b>zones</b> (what binds a source, table, bucket, resource or model to a zone); <b>locations</b>
 * (policy, then infrastructure code, then the production platform); <b>lineage</b> (breadth-first upstream search that
 * gives each zone reaching a model its shortest chain). Rules only read it; nothing here reports findings.
 */
public final class ResidencyModel {

    /** Why a node belongs to a zone, and which file says so. */
    public record Zoned(String zone, String why, String file) {
    }

    /** Where something is: a location, how lastmile knows it, or why it does not. */
    public record Place(Optional<Location> location, String how, String file, String unknown) {
        static Place unknown(String why) {
            return new Place(Optional.empty(), "", "", why);
        }
    }

    public enum InputKind { REF, SOURCE, TABLE, URI }

    /** A relation or storage URI a model reads, with the source line that names it. */
    public record Input(InputKind kind, String name, int line) {
    }

    /** A storage URI a model writes to (EXPORT DATA, UNLOAD, COPY INTO a location). */
    public record Export(String uri, int line) {
    }

    public record SourceNode(String key, String database, String schema, String table, List<Zoned> zones, Place place) {
        public String display() {
            int dot = key.indexOf('.');
            return "source('" + key.substring(0, dot) + "','" + key.substring(dot + 1) + "')";
        }
    }

    /**
     * A model and where it is written ({@code place}); {@code processing} is where a Python model runs (BigQuery's
     * Dataproc region), null for SQL models, which run where their data is.
     */
    public record ModelNode(String name, String path, String database, String schema, String alias, boolean ephemeral,
                            int configLine, List<Input> inputs, List<Export> exports, List<Zoned> ownZones, Place place,
                            Place processing) {
        public String relation() {
            return database + "." + schema + "." + alias;
        }

        public String shortRelation() {
            return schema + "." + alias;
        }
    }

    /** A zone reaching a model: the chain of nodes from the zone-bound asset to the model, and the files on it. */
    public record Flow(String zone, Zoned origin, List<String> chain, Set<String> files, Input firstHop) {
    }

    /** A file lastmile could not read. */
    public record Problem(String path, int line, String message) {
    }

    private static final Pattern STORAGE_URI = Pattern.compile("['\"]((?:s3a?|gs|gcs|abfss|wasbs|az)://[^'\"\\s]+)['\"]");
    private static final Pattern CONFIG_CALL = Pattern.compile("config\\s*\\(");
    /** FROM/JOIN followed by a dotted name: a plain table reference the parser should resolve. */
    private static final Pattern PLAIN_TABLE = Pattern.compile(
            "(?i)\\b(?:from|join)\\s+[`\"\\[]?[A-Za-z_][\\w$-]*[`\"\\]]?\\s*\\.\\s*[`\"\\[]?[A-Za-z_]");

    /** Infrastructure files over this size are reported, not parsed (a generated state dump is no configuration). */
    static final int MAX_INFRA_CHARS = InfrastructureReader.MAX_INFRA_CHARS;

    final ResidencyPolicy policy;
    final RegionCatalog catalog;
    final AccountLocations accounts;
    final List<InfraResource> infra = new ArrayList<>();
    final Map<String, InfraResource> datasets = new HashMap<>();
    final Map<String, InfraResource> buckets = new HashMap<>();
    final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    final Map<String, ModelNode> models = new ConcurrentHashMap<>();
    final Map<String, SourceNode> sources = new HashMap<>();
    final List<String> infraFiles = new ArrayList<>();
    final List<String> incomplete = Collections.synchronizedList(new ArrayList<>());
    Profiles.Result profile = Profiles.Result.NONE;
    Dialect dialect = Dialect.ANSI;
    DbtProject project;
    Place platform = Place.unknown("no dbt profile target");
    private final Map<String, Map<String, Flow>> flowCache = new ConcurrentHashMap<>();
    private final Set<String> knownDatabases = new LinkedHashSet<>();

    private ResidencyModel(ResidencyPolicy policy, RegionCatalog catalog) {
        this.policy = policy;
        this.catalog = catalog;
        this.accounts = new AccountLocations(catalog, policy.accounts());
    }

    /** Every model judged (a full scan) of a repository read on its own (tests, benchmarks). */
    public static ResidencyModel build(ResidencyPolicy policy, ProjectFiles files, java.util.function.Predicate<String> ignored) {
        DbtProject project = DbtProject.load(files, null);
        return build(policy, new DbtScan.Revision(project, new DbtAnalyzer(project, files, Map.of()), files), ignored, null);
    }

    /**
     * @param changed the paths a pull request changed, or null for a full scan. When a pull request changes only
     *                model files, the models judged are those it changed and every model downstream of them (their
     *                data changed), and only their upstream is rendered; any change to infrastructure, YAML or macros
     *                judges every model, since it may move any of them.
     */
    public static ResidencyModel build(ResidencyPolicy policy, DbtScan.Revision revision,
                                       java.util.function.Predicate<String> ignored, Set<String> changed) {
        ResidencyModel m = new ResidencyModel(policy, RegionCatalog.get());
        m.dialect = dialectOf(revision.project(), policy);
        // Without zones and off BigQuery every finding is about its own file (an unreadable template, a missing
        // profile target): a pull request then reads only the infrastructure files it changed, as the other checks do
        java.util.function.Predicate<String> infraIgnored = changed != null && !m.needsModels()
                ? ignored.or(p -> !changed.contains(p)) : ignored;
        m.readInfrastructure(revision.files(), infraIgnored);
        m.readDbt(revision, changed, ignored);
        return m;
    }

    /**
     * Models whose metadata says their output holds no zone-bound data ({@code meta: {residency: public}}, e.g.
     * anonymised aggregates): zones stop there, and the model itself is not judged for transfers.
     */
    private final Set<String> released = ConcurrentHashMap.newKeySet();

    /** Meta values that release a model from the zones upstream of it. */
    public static final Set<String> RELEASE_VALUES = ResidencyPolicy.RESERVED_ZONE_NAMES;

    static boolean isRelease(String metaValue) {
        return metaValue != null && RELEASE_VALUES.contains(metaValue.trim().toLowerCase(Locale.ROOT));
    }

    /** Model names the rules judge; null for all. */
    private Set<String> judged;

    /** The models the rules judge: all in a full scan, those a pull request affects otherwise. */
    public List<ModelNode> judgedModels() {
        return models.values().stream().filter(n -> judged == null || judged.contains(n.name()))
                .sorted(java.util.Comparator.comparing(ModelNode::path)).toList();
    }

    // ------------------------------------------------------------------ infrastructure

    private void readInfrastructure(ProjectFiles files, java.util.function.Predicate<String> ignored) {
        InfrastructureReader.Result read = InfrastructureReader.read(policy, catalog, files, ignored);
        infra.addAll(read.resources());
        infraFiles.addAll(read.files());
        read.problems().forEach(p -> problems.add(new Problem(p.path(), p.line(), p.message())));
        for (InfraResource r : infra) {
            if (r.kind() == InfraResource.Kind.DATASET && !r.storageName().isEmpty()) {
                datasets.put(r.storageName().toLowerCase(Locale.ROOT), r);
            } else if (r.kind() == InfraResource.Kind.BUCKET && !r.storageName().isEmpty()) {
                buckets.put(bucketKey(r.storageName()), r);
            }
        }
    }

    /** {@code s3://bucket} / {@code gs://bucket} for any URI under a bucket. */
    static String bucketKey(String uri) {
        String u = uri.trim().toLowerCase(Locale.ROOT);
        int scheme = u.indexOf("://");
        if (scheme < 0) {
            return u;
        }
        String s = u.substring(0, scheme);
        s = switch (s) {
            case "s3a" -> "s3";
            case "gcs" -> "gs";
            default -> s;
        };
        String rest = u.substring(scheme + 3);
        int slash = rest.indexOf('/');
        return s + "://" + (slash < 0 ? rest : rest.substring(0, slash));
    }

    // ------------------------------------------------------------------ dbt

    private DbtAnalyzer analyzer;

    /**
     * True when the rules need the models at all: some zone is declared (flows), or the warehouse is BigQuery (RES004
     * compares the locations a query reads). Otherwise only the profile and unreadable files are judged, and the
     * project's models are never rendered: an unconfigured residency check costs next to nothing.
     */
    public boolean needsModels() {
        return !policy.isEmpty() || dialect == Dialect.BIGQUERY;
    }

    /** The warehouse's dialect: the policy's {@code sql.dialect}, else the production target's adapter, else the project's. */
    static Dialect dialectOf(DbtProject project, ResidencyPolicy policy) {
        if (!project.isDbt() || project.dialectFromPolicy()) {
            return project.dialect();
        }
        return project.profile(policy.target()).target().flatMap(t -> Dialect.fromAdapter(t.type())).orElse(project.dialect());
    }

    private void readDbt(DbtScan.Revision revision, Set<String> changed, java.util.function.Predicate<String> ignored) {
        ProjectFiles files = revision.files();
        project = revision.project();
        analyzer = revision.analyzer();
        if (!project.isDbt()) {
            // a plain SQL repository: every .sql file is a script that may read, write and export
            dialect = project.dialect();
            platform = Place.unknown("no dbt profile target; set residency.target_location");
            if (needsModels()) {
                indexStages(files, ignored);
                readScripts(files, changed, ignored);
            }
            return;
        }
        // the one profile of the project (checks/dbt finds it), with the target the policy names, else the default
        profile = project.profile(policy.target());
        if (profile.problem().contains("could not be read")) {
            problems.add(new Problem(profile.file(), Math.max(1, profile.problemLine()), profile.problem()));
        }
        dialect = dialectOf(project, policy);
        platform = platformPlace();
        RelationNaming naming = new RelationNaming(project, analyzer.renderer(), profile.target());
        knownDatabases.add(naming.targetDatabase().toLowerCase(Locale.ROOT));

        // schema YAML that names a zone but could not be read: its zones are unknown
        for (DbtProject.Problem pr : project.problems()) {
            String p = pr.path();
            if ((p.endsWith(".yml") || p.endsWith(".yaml")) && p.startsWith(project.root()) && !DbtProject.isInstalledPackage(p)
                    && underAny(p.substring(project.root().length()), project.modelPaths())
                    && files.read(p).filter(this::mayNameAZone).isPresent()) {
                problems.add(new Problem(p, pr.line(), "YAML could not be read: " + pr.message()));
            }
        }
        if (!needsModels()) {
            return;
        }
        indexStages(files, ignored);

        for (RelationMeta s : project.sources().values()) {
            String db = s.database().isEmpty() ? naming.targetDatabase() : s.database();
            knownDatabases.add(db.toLowerCase(Locale.ROOT));
            String table = s.name().substring(s.name().indexOf('.') + 1);
            List<Zoned> zones = new ArrayList<>();
            for (int i = 0; i < policy.assets().size(); i++) {
                AssetRule a = policy.assets().get(i);
                if (a.sources().stream().anyMatch(p -> p.matcher(s.name()).matches())) {
                    zones.add(new Zoned(a.zone(), "residency.assets[" + i + "].sources", ".lastmile.yml"));
                }
                String rel = (db + "." + s.schema() + "." + table).toLowerCase(Locale.ROOT);
                if (a.relations().stream().anyMatch(p -> p.matcher(rel).matches())) {
                    zones.add(new Zoned(a.zone(), "residency.assets[" + i + "].relations", ".lastmile.yml"));
                }
            }
            zones.addAll(metaZones(s));
            zones.addAll(labelZones(datasetOf(db, s.schema())));
            sources.put(s.name(), new SourceNode(s.name(), db, s.schema(), table, dedupe(zones),
                    relationPlace(db, s.schema(), table, false)));
        }

        Map<String, String> modelFiles = new LinkedHashMap<>();   // name -> path, SQL and Python models
        project.modelFiles().forEach((name, path) -> {
            if (path.endsWith(".sql")) {
                modelFiles.put(name.toLowerCase(Locale.ROOT), path);
            }
        });
        for (String p : files.files()) {
            if (p.endsWith(".py") && p.startsWith(project.root()) && !DbtProject.isInstalledPackage(p)
                    && underAny(p.substring(project.root().length()), project.modelPaths())) {
                modelFiles.putIfAbsent(DbtProject.modelName(p), p);
            }
        }
        ModelScope scope = ModelScope.of(project, files, modelFiles, changed);
        judged = scope.judged();
        Set<String> toRender = new LinkedHashSet<>(scope.toRender());
        // render the scope, then whatever upstream the renderings name that the quick index missed (refs made by macros)
        Set<String> rendered = ConcurrentHashMap.newKeySet();
        while (!toRender.isEmpty()) {
            renderAll(toRender, modelFiles, files, naming);
            rendered.addAll(toRender);
            Set<String> next = new LinkedHashSet<>();
            for (ModelNode n : models.values()) {
                for (Input in : n.inputs()) {
                    if (in.kind() == InputKind.REF && modelFiles.containsKey(in.name()) && !rendered.contains(in.name())) {
                        next.add(in.name());
                    }
                }
            }
            toRender = next;
        }
        readScripts(files, changed, ignored);
        if (!naming.lastError().isEmpty()) {
            incomplete.add("the project's generate_schema_name/generate_database_name macro could not be evaluated ("
                    + naming.lastError() + "); dbt's default naming was used where it failed");
        }
    }

    private void renderAll(Set<String> names, Map<String, String> modelFiles, ProjectFiles files, RelationNaming naming) {
        // Jinjava and JSqlParser find classes through the thread's context class loader: give pool threads ours
        // (under exec:java or a Lambda runtime, the common pool's threads would otherwise see the system loader)
        ClassLoader loader = ResidencyModel.class.getClassLoader();
        names.parallelStream().forEach(name -> {
            String path = modelFiles.get(name);
            if (path == null) {
                return;
            }
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                ModelNode n = path.endsWith(".py") ? pythonModel(path, files, naming) : model(name, path, files, naming);
                if (n != null) {
                    models.putIfAbsent(n.name(), n);
                }
            } catch (RuntimeException | StackOverflowError ex) {
                incomplete.add(path + ": not analysed (" + ex.getClass().getSimpleName() + ")");
            } finally {
                t.setContextClassLoader(previous);
            }
        });
    }

    /**
     * SQL that is not a model: dbt analyses and scripts, or every .sql file of a plain SQL repository. A script is
     * judged where it writes (the target of its CREATE/INSERT/MERGE, placed like any relation) and what it exports; a
     * script that only reads is judged for its exports alone. In a pull request only the changed scripts are read.
     */
    private void readScripts(ProjectFiles files, Set<String> changed, java.util.function.Predicate<String> ignored) {
        Set<String> modelPaths = new java.util.HashSet<>(project.modelFiles().values());
        for (String path : files.files()) {
            if (!path.endsWith(".sql") || ignored.test(path) || DbtProject.isInstalledPackage(path)
                    || (project.isDbt() && (modelPaths.contains(path) || project.isMacroFile(path)))
                    || (changed != null && !changed.contains(path))) {
                continue;
            }
            try {
                ModelNode n = script(path, files);
                if (n != null) {
                    models.putIfAbsent(n.name(), n);
                    if (judged != null) {
                        judged.add(n.name());
                    }
                }
            } catch (RuntimeException | StackOverflowError ex) {
                incomplete.add(path + ": not analysed (" + ex.getClass().getSimpleName() + ")");
            }
        }
    }

    private ModelNode script(String path, ProjectFiles files) {
        Optional<String> text = files.read(path);
        if (text.isEmpty() || text.get().length() > DbtAnalyzer.MAX_FILE_CHARS) {
            return null;
        }
        String sql = text.get();
        // the scan's one analysis of the file (the SQL check reads the same); plain SQL is read as it is
        FileAnalysis analysis = project.isDbt() && sql.contains("{") ? analyzer.analyze(path).orElse(null) : null;
        Rendered rendered = analysis == null ? null : analysis.rendered();
        String body = rendered == null ? sql : rendered.sql();
        List<String> lines = Texts.lines(sql);
        List<Input> inputs = new ArrayList<>();
        if (rendered != null) {
            for (String ref : new LinkedHashSet<>(rendered.refs())) {
                String r = ref.contains(".") ? ref.substring(ref.lastIndexOf('.') + 1) : ref;
                inputs.add(new Input(InputKind.REF, r.toLowerCase(Locale.ROOT), lineOf(lines, "ref", r)));
            }
            for (String src : new LinkedHashSet<>(rendered.sources())) {
                inputs.add(new Input(InputKind.SOURCE, src.toLowerCase(Locale.ROOT),
                        lineOf(lines, "source", src.substring(src.indexOf('.') + 1))));
            }
        }
        Set<String> tables = new LinkedHashSet<>();
        String target = "";
        int targetLine = 1;
        List<SqlStatement> statements = List.of();
        if (PLAIN_TABLE.matcher(body).find() || body.toLowerCase(Locale.ROOT).contains("create")
                || body.toLowerCase(Locale.ROOT).contains("insert")) {
            statements = analysis != null ? analysis.statements() : dev.lastmile.dbt.sql.SqlParser.parse(body, dialect).statements();
            for (SqlStatement st : statements) {
                if (st.query() != null) {
                    collectTables(st.query(), tables, new java.util.HashSet<>(), 0);
                }
                String t = st.target() == null ? "" : st.target().replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
                if (target.isEmpty() && t.split("\\.").length >= 2 && !Placeholders.holdsAny(t)) {
                    target = t;
                    targetLine = rendered == null ? st.startLine() : rendered.sourceLine(st.startLine());
                }
            }
        }
        // statements JSqlParser cannot read (EXPORT DATA, UNLOAD, scripting) still name their tables after FROM/JOIN
        tables.addAll(dottedRelationsOfUnparsed(body, statements));
        tables.remove(target);
        for (String t : tables) {
            inputs.add(new Input(InputKind.TABLE, t, lineOfText(lines, t)));
        }
        List<Export> exports = new ArrayList<>();
        for (StorageRef ref : storageRefs(sql)) {
            int line = Texts.lineOf(sql, ref.offset());
            if (isExport(sql, ref.offset())) {
                exports.add(new Export(ref.uri(), line));
            } else {
                inputs.add(new Input(InputKind.URI, ref.uri(), line));
            }
        }
        if (inputs.isEmpty() && exports.isEmpty() && target.isEmpty()) {
            return null;
        }
        String[] parts = target.isEmpty() ? new String[0] : target.split("\\.");
        String database = parts.length >= 3 ? parts[parts.length - 3] : platformDatabase();
        String schema = parts.length >= 2 ? parts[parts.length - 2] : "";
        String alias = parts.length >= 1 ? parts[parts.length - 1] : DbtProject.modelName(path);
        List<Zoned> own = new ArrayList<>();
        if (!target.isEmpty()) {
            own.addAll(zonesOfTable(target));
        }
        // a script that writes nothing is judged for its exports only (ephemeral: no table of its own)
        Place place = target.isEmpty() ? Place.unknown("a script that writes no table")
                : relationPlace(database, schema, alias, false);
        return new ModelNode(path, path, database, schema, alias, target.isEmpty(), targetLine, inputs, exports,
                dedupe(own), place, null);
    }

    private static final Pattern PY_REF = Pattern.compile("dbt\\.ref\\(\\s*['\"]([^'\"]+)['\"](?:\\s*,\\s*['\"]([^'\"]+)['\"])?");
    private static final Pattern PY_SOURCE = Pattern.compile("dbt\\.source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern PY_CONFIG = Pattern.compile("dbt\\.config\\(([^)]*)\\)");
    private static final Pattern PY_KWARG = Pattern.compile("(\\w+)\\s*=\\s*['\"]([^'\"]*)['\"]");

    /**
     * A dbt Python model: {@code dbt.ref()}, {@code dbt.source()} and {@code dbt.config()} read from the text. On
     * BigQuery it runs on Dataproc in the target's {@code dataproc_region} (or its config's), which is where the data
     * is processed, besides the dataset it is written to.
     */
    private ModelNode pythonModel(String path, ProjectFiles files, RelationNaming naming) {
        Optional<String> text = files.read(path);
        if (text.isEmpty() || text.get().length() > DbtAnalyzer.MAX_FILE_CHARS || !text.get().contains("def model")) {
            return null;
        }
        String name = DbtProject.modelName(path);
        List<String> lines = Texts.lines(text.get());
        Map<String, Object> config = new LinkedHashMap<>();
        int configLine = 0;
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.strip().startsWith("#")) {
                continue;
            }
            Matcher c = PY_CONFIG.matcher(l);
            while (c.find()) {
                configLine = configLine == 0 ? i + 1 : configLine;
                Matcher kw = PY_KWARG.matcher(c.group(1));
                while (kw.find()) {
                    config.put(kw.group(1), kw.group(2));
                }
            }
            Matcher r = PY_REF.matcher(l);
            while (r.find()) {
                String model = r.group(2) != null ? r.group(2) : r.group(1);
                inputs.add(new Input(InputKind.REF, model.toLowerCase(Locale.ROOT), i + 1));
            }
            Matcher so = PY_SOURCE.matcher(l);
            while (so.find()) {
                inputs.add(new Input(InputKind.SOURCE, (so.group(1) + "." + so.group(2)).toLowerCase(Locale.ROOT), i + 1));
            }
        }
        // where it is written: checks/dbt's naming, as for a SQL model
        RelationNaming.Written written = naming.written(path, config);
        if (!written.enabled()) {
            return null;
        }
        String database = written.database();
        String schema = written.schema();
        String alias = written.alias();
        List<Zoned> own = new ArrayList<>();
        String rel = (database + "." + schema + "." + alias).toLowerCase(Locale.ROOT);
        for (int i = 0; i < policy.assets().size(); i++) {
            AssetRule r = policy.assets().get(i);
            if (r.models().stream().anyMatch(p -> p.matcher(path).matches())
                    || r.relations().stream().anyMatch(p -> p.matcher(rel).matches())) {
                own.add(new Zoned(r.zone(), "residency.assets[" + i + "]", ".lastmile.yml"));
            }
        }
        project.model(name).ifPresent(n -> own.addAll(metaZones(n)));
        if (project.model(name).flatMap(n -> n.metaValue(policy.metaKey())).filter(ResidencyModel::isRelease).isPresent()) {
            released.add(name);
        }
        Place processing = null;
        if (dialect == Dialect.BIGQUERY) {
            Optional<String> region = firstString(config, "dataproc_region")
                    .or(() -> profile.target().flatMap(t -> t.get("dataproc_region")));
            String where = region.isPresent() && config.containsKey("dataproc_region") ? "dbt.config(dataproc_region=...)"
                    : "dataproc_region of " + profile.target().map(t -> "profile target '" + t.name() + "' in " + t.file()).orElse("the profile");
            processing = region.map(rg -> place(catalog.resolve(rg), where + " (" + rg + ")",
                            profile.target().map(Profiles.Target::file).orElse(path), "Dataproc region '" + rg + "' is not a known region"))
                    .orElse(Place.unknown("neither the profile target nor the model sets dataproc_region"));
        }
        return new ModelNode(name, path, database, schema, alias, false, configLine, inputs, List.of(), dedupe(own),
                relationPlace(database, schema, alias, true), processing);
    }

    private boolean mayNameAZone(String yaml) {
        if (yaml.contains(policy.metaKey())) {
            return true;
        }
        String lower = yaml.toLowerCase(Locale.ROOT);
        return policy.tags().keySet().stream().anyMatch(lower::contains);
    }

    private static boolean underAny(String rel, List<String> dirs) {
        for (String d : dirs) {
            if (rel.startsWith(d.endsWith("/") ? d : d + "/")) {
                return true;
            }
        }
        return false;
    }

    private ModelNode model(String name, String path, ProjectFiles files, RelationNaming naming) {
        if (!path.endsWith(".sql")) {
            return null;
        }
        Optional<String> text = files.read(path);
        if (text.isEmpty() || text.get().length() > DbtAnalyzer.MAX_FILE_CHARS) {
            incomplete.add(path + ": not read (binary or over " + DbtAnalyzer.MAX_FILE_CHARS + " characters)");
            return null;
        }
        // the scan's one analysis of the model, shared with the SQL check
        FileAnalysis analysis = analyzer.analyze(path).orElse(null);
        if (analysis == null) {
            return null;
        }
        Rendered rendered = analysis.rendered();
        Map<String, Object> config = rendered.config();
        List<String> lines = Texts.lines(text.get());

        RelationNaming.Written written = naming.written(path, config);
        if (!written.enabled()) {
            return null;   // a disabled model is never built
        }
        String database = written.database();
        String schema = written.schema();
        String alias = written.alias();

        int configLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (CONFIG_CALL.matcher(lines.get(i)).find() && lines.get(i).contains("{{")) {
                configLine = i + 1;
                break;
            }
        }

        List<Input> inputs = new ArrayList<>();
        for (String ref : new LinkedHashSet<>(rendered.refs())) {
            String r = ref.contains(".") ? ref.substring(ref.lastIndexOf('.') + 1) : ref;
            inputs.add(new Input(InputKind.REF, r.toLowerCase(Locale.ROOT), lineOf(lines, "ref", r)));
        }
        for (String src : new LinkedHashSet<>(rendered.sources())) {
            String table = src.substring(src.indexOf('.') + 1);
            inputs.add(new Input(InputKind.SOURCE, src.toLowerCase(Locale.ROOT), lineOf(lines, "source", table)));
        }
        Set<String> tables = new LinkedHashSet<>();
        String sql = rendered.sql();
        // parsing is the expensive part: only a file that names a dotted relation outside dbt calls needs it
        if (PLAIN_TABLE.matcher(sql).find()) {
            List<SqlStatement> statements = analysis.statements();
            for (SqlStatement st : statements) {
                if (st.query() != null) {
                    collectTables(st.query(), tables, new java.util.HashSet<>(), 0);
                }
            }
            tables.addAll(dottedRelationsOfUnparsed(sql, statements));
        }
        for (String t : tables) {
            inputs.add(new Input(InputKind.TABLE, t, lineOfText(lines, t)));
        }
        List<Export> exports = new ArrayList<>();
        for (StorageRef ref : storageRefs(sql)) {
            int line = rendered.sourceLine(Texts.lineOf(sql, ref.offset()));
            if (isExport(sql, ref.offset())) {
                exports.add(new Export(ref.uri(), line));
            } else {
                inputs.add(new Input(InputKind.URI, ref.uri(), line));
            }
        }
        // pre_hook / post_hook SQL (a common home of EXPORT DATA and UNLOAD) runs with the model, but the rendering
        // does not always keep it (a hook built with `~ this` loses the whole config): read URIs in the source too
        Set<String> seenUris = new java.util.HashSet<>();
        exports.forEach(e -> seenUris.add(e.uri()));
        inputs.forEach(in -> seenUris.add(in.name()));
        String raw = text.get();
        for (StorageRef ref : storageRefs(raw)) {
            if (!seenUris.add(ref.uri())) {
                continue;
            }
            int line = Texts.lineOf(raw, ref.offset());
            if (isExport(raw, ref.offset())) {
                exports.add(new Export(ref.uri(), line));
            } else {
                inputs.add(new Input(InputKind.URI, ref.uri(), line));
            }
        }

        List<Zoned> own = new ArrayList<>();
        String rel = (database + "." + schema + "." + alias).toLowerCase(Locale.ROOT);
        for (int i = 0; i < policy.assets().size(); i++) {
            AssetRule r = policy.assets().get(i);
            if (r.models().stream().anyMatch(p -> p.matcher(path).matches())) {
                own.add(new Zoned(r.zone(), "residency.assets[" + i + "].models", ".lastmile.yml"));
            }
            if (r.relations().stream().anyMatch(p -> p.matcher(rel).matches())) {
                own.add(new Zoned(r.zone(), "residency.assets[" + i + "].relations", ".lastmile.yml"));
            }
        }
        project.model(name).ifPresent(n -> own.addAll(metaZones(n)));
        configMeta(config.get("meta")).flatMap(policy::zoneNamed).ifPresent(z ->
                own.add(new Zoned(z, "config(meta={'" + policy.metaKey() + "': '" + z + "'})", path)));
        if (project.model(name).flatMap(n -> n.metaValue(policy.metaKey())).filter(ResidencyModel::isRelease).isPresent()
                || configMeta(config.get("meta")).filter(ResidencyModel::isRelease).isPresent()
                || project.folderConfig(path, "meta").flatMap(this::configMeta).filter(ResidencyModel::isRelease).isPresent()) {
            released.add(name.toLowerCase(Locale.ROOT));
        }
        for (String tag : tagsOf(config.get("tags"))) {
            tagZone(tag).ifPresent(z -> own.add(new Zoned(z, "config tag '" + tag + "'", path)));
        }
        // dbt_project.yml folder settings: +meta: {residency: eu}, +tags: [residency:eu]
        String projectFile = project.root() + "dbt_project.yml";
        project.folderConfig(path, "meta").flatMap(this::configMeta).flatMap(policy::zoneNamed).ifPresent(z ->
                own.add(new Zoned(z, "+meta " + policy.metaKey() + ": " + z + " for its folder", projectFile)));
        project.folderConfig(path, "tags").ifPresent(t -> {
            for (String tag : t.replaceAll("[\\[\\]'\"]", "").split(",")) {
                tagZone(tag.trim()).ifPresent(z -> own.add(new Zoned(z, "+tags '" + tag.trim() + "' for its folder", projectFile)));
            }
        });
        own.addAll(labelZones(datasetOf(database, schema)));
        boolean ephemeral = written.ephemeral();
        return new ModelNode(name.toLowerCase(Locale.ROOT), path, database, schema, alias, ephemeral, configLine, inputs,
                exports, dedupe(own), relationPlace(database, schema, alias, true), null);
    }

    /** The policy's meta key in a config(meta=...) value: a map, or its printed form when the renderer kept text. */
    private Optional<String> configMeta(Object meta) {
        if (meta instanceof Map<?, ?> cm) {
            Object v = cm.get(policy.metaKey());
            return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
        }
        if (meta != null) {
            Matcher m = Pattern.compile("['\"]?" + Pattern.quote(policy.metaKey()) + "['\"]?\\s*[:=]\\s*['\"]?([A-Za-z0-9_-]+)")
                    .matcher(String.valueOf(meta));
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstString(Map<String, Object> config, String... keys) {
        return RelationNaming.firstString(config, keys);
    }

    private static List<String> tagsOf(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (o != null) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static void collectTables(Query q, Set<String> out, Set<String> ctes, int depth) {
        if (q == null || depth > 50) {
            return;
        }
        Set<String> scope = new java.util.HashSet<>(ctes);
        for (Query.Cte c : q.ctes()) {
            scope.add(c.name().toLowerCase(Locale.ROOT));
        }
        for (Query.Cte c : q.ctes()) {
            collectTables(c.query(), out, scope, depth + 1);
        }
        for (Relation r : q.relations()) {
            if (r.kind() == Relation.Kind.TABLE && !scope.contains(r.name().toLowerCase(Locale.ROOT))) {
                String n = r.name().replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
                if (n.split("\\.").length >= 2) {
                    out.add(n);
                }
            } else if (r.kind() == Relation.Kind.SUBQUERY) {
                collectTables(r.subquery(), out, scope, depth + 1);
            }
        }
        for (Query b : q.branches()) {
            collectTables(b, out, scope, depth + 1);
        }
        for (Join j : q.joins()) {
            if (j.relation().kind() == Relation.Kind.SUBQUERY) {
                collectTables(j.relation().subquery(), out, scope, depth + 1);
            }
        }
    }

    private static final Pattern DOTTED_RELATION = Pattern.compile(
            "(?i)\\b(?:from|join)\\s+([`\"]?[A-Za-z_][\\w$-]*[`\"]?(?:\\s*\\.\\s*[`\"]?[A-Za-z_][\\w$-]*[`\"]?){1,2})");

    /** Dotted relation names of the statements JSqlParser did not parse fully (all of {@code sql} when none parsed). */
    static Set<String> dottedRelationsOfUnparsed(String sql, List<SqlStatement> statements) {
        if (statements.isEmpty()) {
            return dottedRelations(sql);
        }
        List<String> lines = Texts.lines(sql);
        Set<String> out = new LinkedHashSet<>();
        for (SqlStatement st : statements) {
            if (!st.fullTree()) {
                int from = Math.max(1, st.startLine());
                int to = Math.min(lines.size(), Math.max(from, st.endLine()));
                out.addAll(dottedRelations(String.join("\n", lines.subList(from - 1, to))));
            }
        }
        return out;
    }

    /** Keywords before FROM that make it no relation: {@code IS DISTINCT FROM}, {@code EXTRACT(x FROM ...)}. */
    private static final Pattern NOT_A_RELATION = Pattern.compile(
            "(?i)(?:\\bdistinct\\s*$)|(?:\\b(?:extract|substring|substr|trim|overlay|position)\\s*\\([^()]*$)");

    /** Dotted names after FROM/JOIN ({@code project.dataset.table}), quotes removed, lower case; comments skipped. */
    static Set<String> dottedRelations(String sql) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = DOTTED_RELATION.matcher(sql);
        while (m.find()) {
            if (inLineComment(sql, m.start())
                    || NOT_A_RELATION.matcher(sql.substring(Math.max(0, m.start() - 80), m.start())).find()) {
                continue;
            }
            String name = m.group(1).replace("`", "").replace("\"", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
            if (!Placeholders.holdsAny(name)) {   // dbt placeholders are never dotted, but stay safe
                out.add(name);
            }
        }
        return out;
    }

    /** A storage location named in SQL, at a character offset: a quoted URI, or a stage resolved to its URL. */
    record StorageRef(String uri, int offset) {
    }

    private static final Pattern STAGE_REF = Pattern.compile("(?<![\\w'\"])@([A-Za-z_][\\w$]*(?:\\.[A-Za-z_][\\w$]*){0,2})");
    private static final Pattern CREATE_STAGE = Pattern.compile(
            "(?is)create\\s+(?:or\\s+replace\\s+)?(?:temporary\\s+)?stage\\s+(?:if\\s+not\\s+exists\\s+)?"
                    + "([\\w$.\"]+)[^;]*?\\burl\\s*=\\s*['\"]([^'\"]+)['\"]");

    /** Snowflake stage name (last part, lower case) → its URL, from the repository's CREATE STAGE statements. */
    private final Map<String, String> stages = new HashMap<>();

    private void indexStages(ProjectFiles files, java.util.function.Predicate<String> ignored) {
        for (String path : files.files()) {
            if (!path.endsWith(".sql") || ignored.test(path)) {
                continue;
            }
            String text = files.read(path).orElse("");
            if (!text.toLowerCase(Locale.ROOT).contains("stage")) {
                continue;
            }
            Matcher m = CREATE_STAGE.matcher(text);
            while (m.find()) {
                String name = m.group(1).replace("\"", "");
                stages.put(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT), m.group(2));
            }
        }
    }

    /** Quoted storage URIs and {@code @stage} references of known stages, outside line comments. */
    List<StorageRef> storageRefs(String sql) {
        List<StorageRef> out = new ArrayList<>();
        Matcher um = STORAGE_URI.matcher(sql);
        while (um.find()) {
            if (!inLineComment(sql, um.start())) {
                out.add(new StorageRef(um.group(1), um.start()));
            }
        }
        if (!stages.isEmpty() && sql.indexOf('@') >= 0) {
            Matcher sm = STAGE_REF.matcher(sql);
            while (sm.find()) {
                String name = sm.group(1);
                String url = stages.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
                if (url != null && !inLineComment(sql, sm.start())) {
                    out.add(new StorageRef(url, sm.start()));
                }
            }
        }
        return out;
    }

    /** True when {@code at} follows a {@code --} on its line (a commented-out statement). */
    static boolean inLineComment(String sql, int at) {
        int lineStart = sql.lastIndexOf('\n', at - 1) + 1;
        int dash = sql.indexOf("--", lineStart);
        return dash >= 0 && dash < at;
    }

    /** True when the storage URI at {@code at} is written to (EXPORT DATA, UNLOAD ... TO, COPY INTO 's3://...'). */
    static boolean isExport(String sql, int at) {
        int from = Math.max(0, at - 600);
        String before = sql.substring(from, at);
        int semi = before.lastIndexOf(';');
        if (semi >= 0) {
            before = before.substring(semi + 1);
        }
        String b = before.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        if (b.contains("export data")) {
            return true;
        }
        return b.endsWith("copy into") || b.endsWith(" to") || b.endsWith(") to") || b.endsWith("unload");
    }

    private static int lineOf(List<String> lines, String call, String name) {
        Pattern p = Pattern.compile(call + "\\s*\\([^)]*['\"]" + Pattern.quote(name) + "['\"]", Pattern.CASE_INSENSITIVE);
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return 1;
    }

    private static int lineOfText(List<String> lines, String fq) {
        String last = fq.substring(fq.lastIndexOf('.') + 1);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).toLowerCase(Locale.ROOT).replace("`", "").replace("\"", "");
            if (l.contains(fq) || (l.contains("." + last) && l.contains(fq.substring(0, fq.indexOf('.'))))) {
                return i + 1;
            }
        }
        return 1;
    }

    // ------------------------------------------------------------------ zones

    /** Zones the YAML gives a model or source table: its {@code meta} key, its tags. */
    private List<Zoned> metaZones(RelationMeta n) {
        List<Zoned> out = new ArrayList<>();
        n.metaValue(policy.metaKey()).flatMap(policy::zoneNamed)
                .ifPresent(zone -> out.add(new Zoned(zone, "meta " + policy.metaKey() + ": " + zone, n.file())));
        for (String tag : n.tags()) {
            tagZone(tag).ifPresent(z -> out.add(new Zoned(z, "tag '" + tag + "'", n.file())));
        }
        return out;
    }

    /** A tag naming a zone: {@code residency:eu}, {@code residency=eu}, or one the policy maps ({@code gdpr: eu}). */
    private Optional<String> tagZone(String tag) {
        String t = tag.trim().toLowerCase(Locale.ROOT);
        String key = policy.metaKey().toLowerCase(Locale.ROOT);
        for (String sep : List.of(":", "=", "_")) {
            if (t.startsWith(key + sep)) {
                Optional<String> z = policy.zoneNamed(t.substring(key.length() + 1));
                if (z.isPresent()) {
                    return z;
                }
            }
        }
        return Optional.ofNullable(policy.tags().get(t));
    }

    private List<Zoned> labelZones(Optional<InfraResource> r) {
        if (r.isEmpty()) {
            return List.of();
        }
        String v = r.get().labels().get(policy.metaKey().toLowerCase(Locale.ROOT));
        return policy.zoneNamed(v).map(z -> List.of(new Zoned(z, r.get().address() + " labels " + policy.metaKey()
                + " = \"" + z + "\"", r.get().path()))).orElse(List.of());
    }

    /** Zones of an infrastructure resource: labels/tags, asset globs on its name or address, and zone-bound sources it holds. */
    public List<Zoned> zonesOf(InfraResource r) {
        return infraZones.computeIfAbsent(r, this::computeZonesOf);
    }

    private final Map<InfraResource, List<Zoned>> infraZones = new ConcurrentHashMap<>();

    /** Which zone-bound sources and models live in each dataset: built once, not per resource. */
    private Map<String, List<Zoned>> datasetContents;

    private synchronized Map<String, List<Zoned>> datasetContents() {
        if (datasetContents == null) {
            Map<String, List<Zoned>> out = new HashMap<>();
            for (SourceNode s : sources.values()) {
                datasetOf(s.database(), s.schema()).ifPresent(d -> s.zones().stream()
                        .filter(z -> !z.why().startsWith(d.address()))
                        .forEach(z -> out.computeIfAbsent(d.path() + "#" + d.address(), k -> new ArrayList<>())
                                .add(new Zoned(z.zone(), "it holds " + s.display() + " (" + z.why() + ")", z.file()))));
            }
            for (ModelNode mn : models.values()) {
                datasetOf(mn.database(), mn.schema()).ifPresent(d -> mn.ownZones().stream()
                        .filter(z -> !z.why().startsWith(d.address()))
                        .forEach(z -> out.computeIfAbsent(d.path() + "#" + d.address(), k -> new ArrayList<>())
                                .add(new Zoned(z.zone(), "it holds model " + mn.name() + " (" + z.why() + ")", z.file()))));
            }
            datasetContents = out;
        }
        return datasetContents;
    }

    private List<Zoned> computeZonesOf(InfraResource r) {
        List<Zoned> out = new ArrayList<>(labelZones(Optional.of(r)));
        for (int i = 0; i < policy.assets().size(); i++) {
            AssetRule a = policy.assets().get(i);
            int idx = i;
            if (a.resources().stream().anyMatch(p -> p.matcher(r.address()).matches())) {
                out.add(new Zoned(a.zone(), "residency.assets[" + idx + "].resources", ".lastmile.yml"));
            }
            if (r.kind() == InfraResource.Kind.BUCKET && !r.storageName().isEmpty()
                    && a.buckets().stream().anyMatch(p -> p.matcher(r.storageName().toLowerCase(Locale.ROOT)).matches())) {
                out.add(new Zoned(a.zone(), "residency.assets[" + idx + "].buckets", ".lastmile.yml"));
            }
            if (r.kind() == InfraResource.Kind.DATASET && !r.storageName().isEmpty()) {
                String ds = r.storageName().toLowerCase(Locale.ROOT);
                List<String> candidates = new ArrayList<>();
                if (ds.startsWith("*.")) {
                    knownDatabases.forEach(db -> candidates.add(db + ds.substring(1) + ".*"));
                }
                candidates.add(ds + ".*");
                if (a.relations().stream().anyMatch(p -> candidates.stream().anyMatch(c -> p.matcher(c).matches()))) {
                    out.add(new Zoned(a.zone(), "residency.assets[" + idx + "].relations", ".lastmile.yml"));
                }
            }
        }
        if (r.kind() == InfraResource.Kind.DATASET) {
            out.addAll(datasetContents().getOrDefault(r.path() + "#" + r.address(), List.of()));
        }
        return dedupe(out);
    }

    public List<Zoned> zonesOfTable(String fq) {
        List<Zoned> out = new ArrayList<>();
        String[] parts = fq.split("\\.");
        String full = parts.length == 2 ? platformDatabase() + "." + fq : fq;
        for (int i = 0; i < policy.assets().size(); i++) {
            AssetRule a = policy.assets().get(i);
            if (a.relations().stream().anyMatch(p -> p.matcher(full).matches())) {
                out.add(new Zoned(a.zone(), "residency.assets[" + i + "].relations", ".lastmile.yml"));
            }
        }
        String[] fp = full.split("\\.");
        if (fp.length >= 3) {
            out.addAll(labelZones(datasetOf(fp[fp.length - 3], fp[fp.length - 2])));
        }
        return dedupe(out);
    }

    public List<Zoned> zonesOfUri(String uri) {
        List<Zoned> out = new ArrayList<>();
        String u = uri.toLowerCase(Locale.ROOT);
        String normalized = bucketKey(u) + u.substring(Math.min(u.length(), bucketKey(u).length() + (u.startsWith("s3a") || u.startsWith("gcs") ? 1 : 0)));
        for (int i = 0; i < policy.assets().size(); i++) {
            AssetRule a = policy.assets().get(i);
            if (a.buckets().stream().anyMatch(p -> p.matcher(u).matches() || p.matcher(normalized).matches())) {
                out.add(new Zoned(a.zone(), "residency.assets[" + i + "].buckets", ".lastmile.yml"));
            }
        }
        InfraResource b = buckets.get(bucketKey(u));
        if (b != null) {
            out.addAll(labelZones(Optional.of(b)));
        }
        return dedupe(out);
    }

    private static List<Zoned> dedupe(List<Zoned> zones) {
        Map<String, Zoned> byZone = new LinkedHashMap<>();
        for (Zoned z : zones) {
            byZone.putIfAbsent(z.zone(), z);
        }
        return List.copyOf(byZone.values());
    }

    // ------------------------------------------------------------------ locations

    private String platformDatabase() {
        return profile.target().flatMap(t -> t.get("project").or(() -> t.get("database"))).orElse("").toLowerCase(Locale.ROOT);
    }

    Optional<InfraResource> datasetOf(String database, String schema) {
        String db = database == null ? "" : database.toLowerCase(Locale.ROOT);
        String s = schema == null ? "" : schema.toLowerCase(Locale.ROOT);
        InfraResource r = datasets.get(db + "." + s);
        if (r == null) {
            r = datasets.get("*." + s);
        }
        return Optional.ofNullable(r);
    }

    /**
     * Where the warehouse of the production target runs (the BigQuery location for new datasets, the account
     * region...); when profiles.yml cannot say, the policy's {@code target_location}.
     */
    private Place platformPlace() {
        Place fromProfile = profilePlace();
        if (fromProfile.location().isEmpty() && policy.targetLocation().isPresent()) {
            return new Place(policy.targetLocation(), "residency.target_location in .lastmile.yml", ".lastmile.yml", "");
        }
        return fromProfile;
    }

    private Place profilePlace() {
        if (profile.target().isEmpty()) {
            return Place.unknown((profile.problem().isEmpty() ? "no dbt profile target" : profile.problem())
                    + "; set residency.target_location to say where the production warehouse runs");
        }
        Profiles.Target t = profile.target().get();
        String where = "profile target '" + t.name() + "' in " + t.file();
        String key = switch (dialect) {
            case BIGQUERY -> "location";
            case SNOWFLAKE -> "account";
            default -> "host";
        };
        {
            if (t.get(key).isEmpty() && t.unresolved().containsKey(key)) {
                return Place.unknown("the " + key + " of " + where + " comes from " + abbreviate(t.unresolved().get(key))
                        + " without a default: set residency.target_location");
            }
        }
        return switch (dialect) {
            case BIGQUERY -> t.get("location").map(l -> place(catalog.resolve(l), where + " (location: " + l + ")", t.file(),
                            "location '" + l + "' of " + where + " is not a known region"))
                    .orElse(Place.unknown(where + " sets no location (BigQuery then creates datasets in the US multi-region); set it, or residency.target_location"));
            case SNOWFLAKE -> t.get("account").map(acc -> place(accounts.snowflake(acc), where + " (account " + acc + ")", t.file(),
                            "Snowflake account '" + acc + "' of " + where + " does not name its region: map it under residency.accounts"))
                    .orElse(Place.unknown(where + " sets no account"));
            case REDSHIFT -> t.get("host").map(h -> place(accounts.redshift(h), where + " (host " + h + ")", t.file(),
                            "Redshift host '" + h + "' of " + where + " does not name its region: map it under residency.accounts"))
                    .orElse(Place.unknown(where + " sets no host"));
            case DATABRICKS -> t.get("host").map(h -> place(accounts.databricks(h), where + " (host " + h + ")", t.file(),
                            "Databricks host '" + h + "' of " + where + " does not name its region: map it under residency.accounts"))
                    .orElse(Place.unknown(where + " sets no host"));
            default -> t.get("host").flatMap(accounts::mapped).map(l -> new Place(Optional.of(l), where, t.file(), ""))
                    .orElse(Place.unknown(where + ": map its host under residency.accounts"));
        };
    }

    private static String abbreviate(String raw) {
        String one = raw.strip().replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }

    /** The production platform's place (shared by every relation placed by the target alone). */
    public Place platform() {
        return platform;
    }

    private static Place place(Optional<Location> l, String how, String file, String unknown) {
        return l.map(loc -> new Place(Optional.of(loc), how, file, "")).orElse(Place.unknown(unknown));
    }

    /** Where a relation lives: the policy's locations, then a dataset declared in infrastructure code, then the platform. */
    Place relationPlace(String database, String schema, String table, boolean writtenByDbt) {
        String rel = (database + "." + schema + "." + table).toLowerCase(Locale.ROOT);
        Optional<Location> p = policy.locationOf(rel, false);
        if (p.isPresent()) {
            return new Place(p, "residency.locations in .lastmile.yml", ".lastmile.yml", "");
        }
        if (dialect == Dialect.BIGQUERY || dialect == Dialect.ANSI) {
            Optional<InfraResource> ds = datasetOf(database, schema);
            if (ds.isPresent()) {
                InfraResource r = ds.get();
                return r.locations().isEmpty() ? Place.unknown(r.address() + " in " + r.path() + ": " + r.unknownReason())
                        : new Place(Optional.of(r.locations().getFirst()), r.address() + " in " + r.path() + " (location "
                        + r.locationText() + ")", r.path(), "");
            }
            if (dialect == Dialect.BIGQUERY && !writtenByDbt) {
                return Place.unknown("dataset " + database + "." + schema + " is declared neither in infrastructure code"
                        + " nor under residency.locations");
            }
        }
        return platform;
    }

    public Place uriPlace(String uri) {
        Optional<Location> p = policy.locationOf(uri.toLowerCase(Locale.ROOT), true);
        if (p.isPresent()) {
            return new Place(p, "residency.locations in .lastmile.yml", ".lastmile.yml", "");
        }
        InfraResource b = buckets.get(bucketKey(uri));
        if (b == null) {
            return Place.unknown("bucket " + bucketKey(uri) + " is declared neither in infrastructure code nor under residency.locations");
        }
        return b.locations().isEmpty() ? Place.unknown(b.address() + " in " + b.path() + ": " + b.unknownReason())
                : new Place(Optional.of(b.locations().getFirst()), b.address() + " in " + b.path(), b.path(), "");
    }

    /** The location of what a model input names, for BigQuery's one-location rule. */
    public Place placeOfInput(Input in) {
        return switch (in.kind()) {
            case REF -> Optional.ofNullable(models.get(in.name())).map(ModelNode::place).orElse(Place.unknown("unknown model"));
            case SOURCE -> Optional.ofNullable(sources.get(in.name())).map(SourceNode::place).orElse(Place.unknown("undeclared source"));
            case TABLE -> {
                String[] p = in.name().split("\\.");
                String db = p.length >= 3 ? p[p.length - 3] : platformDatabase();
                yield relationPlace(db, p[p.length - 2], p[p.length - 1], false);
            }
            case URI -> uriPlace(in.name());
        };
    }

    // ------------------------------------------------------------------ lineage

    /**
     * Every zone whose data reaches {@code model}: through its own assignment, or from a zone-bound source, table,
     * bucket or model upstream along the ref graph, with the shortest chain from that asset to the model.
     */
    public Map<String, Flow> flowsInto(ModelNode model) {
        Map<String, Flow> cached = flowCache.get(model.name());
        if (cached != null) {
            return cached;
        }
        Map<String, Flow> out = new LinkedHashMap<>();
        if (released.contains(model.name())) {
            flowCache.put(model.name(), Map.of());
            return Map.of();
        }
        for (Zoned z : model.ownZones()) {
            out.put(z.zone(), new Flow(z.zone(), z, List.of(model.name()), new LinkedHashSet<>(List.of(model.path(), z.file())), null));
        }
        // breadth-first upstream, so each zone is reached by its shortest chain
        record Step(ModelNode node, List<String> chain, Set<String> files, Input firstHop) {
        }
        ArrayDeque<Step> queue = new ArrayDeque<>();
        queue.add(new Step(model, List.of(model.name()), Set.of(model.path()), null));
        Set<String> seen = new java.util.HashSet<>();
        seen.add(model.name());
        while (!queue.isEmpty()) {
            Step s = queue.poll();
            for (Input in : s.node().inputs()) {
                Input hop = s.firstHop() == null ? in : s.firstHop();
                List<Zoned> zones;
                String display;
                switch (in.kind()) {
                    case SOURCE -> {
                        SourceNode src = sources.get(in.name());
                        zones = src == null ? List.of() : src.zones();
                        display = src == null ? "source('" + in.name().replace(".", "','") + "')" : src.display();
                    }
                    case TABLE -> {
                        zones = zonesOfTable(in.name());
                        display = in.name();
                    }
                    case URI -> {
                        zones = zonesOfUri(in.name());
                        display = in.name();
                    }
                    default -> {
                        ModelNode up = models.get(in.name());
                        if (up == null || released.contains(up.name())) {
                            continue;   // unknown, or released: its output carries no zone
                        }
                        zones = up.ownZones();
                        display = up.name();
                        if (seen.add(up.name())) {
                            List<String> chain = new ArrayList<>();
                            chain.add(up.name());
                            chain.addAll(s.chain());
                            Set<String> files = new LinkedHashSet<>(s.files());
                            files.add(up.path());
                            queue.add(new Step(up, chain, files, hop));
                        }
                    }
                }
                for (Zoned z : zones) {
                    if (out.containsKey(z.zone())) {
                        continue;
                    }
                    List<String> chain = new ArrayList<>();
                    if (in.kind() != InputKind.REF) {
                        chain.add(display);
                    }
                    if (in.kind() == InputKind.REF) {
                        chain.add(display);
                    }
                    chain.addAll(s.chain());
                    Set<String> files = new LinkedHashSet<>(s.files());
                    files.add(z.file());
                    if (in.kind() == InputKind.REF) {
                        models.computeIfPresent(in.name(), (k, v) -> {
                            files.add(v.path());
                            return v;
                        });
                    }
                    out.put(z.zone(), new Flow(z.zone(), z, chain, files, hop));
                }
            }
        }
        Map<String, Flow> result = Collections.unmodifiableMap(out);
        flowCache.put(model.name(), result);
        return result;
    }

    public ResidencyPolicy policy() {
        return policy;
    }

    public RegionCatalog catalog() {
        return catalog;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Map<String, ModelNode> models() {
        return models;
    }

    public List<InfraResource> infra() {
        return infra;
    }

    public List<Problem> problems() {
        return problems;
    }

    public Profiles.Result profile() {
        return profile;
    }

    public List<String> incomplete() {
        return incomplete;
    }

    public int filesRead() {
        return models.size() + infraFiles.size();
    }
}
