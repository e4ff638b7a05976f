package dev.lastmile.dbt;

import dev.lastmile.dbt.render.JinjaRenderer;
import dev.lastmile.dbt.render.Rendered;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.lastmile.core.util.Memo;

/**
 * The entry point of the dbt module: renders and parses SQL files of one project, once each (results are cached, so
 * rules that follow {@code ref()} chains into unchanged models pay for each model once). Thread-safe.
 *
 * <pre>
 * DbtProject project = DbtProject.load(files, null);
 * DbtAnalyzer analyzer = new DbtAnalyzer(project, files, Map.of());
 * FileAnalysis a = analyzer.analyze("models/marts/orders.sql").orElseThrow();
 * a.modelQuery()  // the statement model: relations (refs, sources), CTEs, select items, joins, filters
 * </pre>
 */
public final class DbtAnalyzer {

    /** Files over this size are not rendered (a generated dump is no model); the check reports them. */
    public static final int MAX_FILE_CHARS = 1_000_000;

    private final DbtProjects projects;
    private final ProjectFiles files;
    /**
     * One renderer per project, each built on first use: loading the macro library is the dear part, and a check
     * may need no rendering at all (nor a repository's other projects).
     */
    private final Memo<DbtProject, JinjaRenderer> renderers = new Memo<>();
    private final Map<String, Object> policyVars;
    /**
     * One task per path: a thread that asks for a file another thread is analysing waits for that result instead of
     * analysing it again (rules of parallel files walk the same {@code ref()} chains at the same time). Analysing a
     * file never asks for another, so no task waits on a task.
     */
    private final Memo<String, Optional<FileAnalysis>> cache = new Memo<>();

    /** Another revision's analyser whose analyses this one shares for every path not in {@link #differing}. */
    private final DbtAnalyzer sharedWith;
    private final Set<String> differing;

    public DbtAnalyzer(DbtProject project, ProjectFiles files, Map<String, Object> policyVars) {
        this(DbtProjects.of(project), files, policyVars, null, Set.of());
    }

    /** An analyser of every project of a repository: each file rendered with its own project's macros and vars. */
    public DbtAnalyzer(DbtProjects projects, ProjectFiles files, Map<String, Object> policyVars) {
        this(projects, files, policyVars, null, Set.of());
    }

    /**
     * An analyser that takes {@code sharedWith}'s analysis of every path outside {@code differing}: the base revision
     * of a change that touched neither macros nor project settings renders exactly as head does for files it did not
     * change, so it renders only the changed ones itself.
     */
    public DbtAnalyzer(DbtProjects projects, ProjectFiles files, Map<String, Object> policyVars, DbtAnalyzer sharedWith,
                       Set<String> differing) {
        this.projects = projects;
        this.files = files;
        this.policyVars = policyVars;
        this.sharedWith = sharedWith;
        this.differing = Set.copyOf(differing);
    }

    /** The primary project's one renderer (its macro library): for naming macros and anything else a check evaluates. */
    public JinjaRenderer renderer() {
        if (sharedWith != null) {
            return sharedWith.renderer();
        }
        return renderers.get(projects.primary(), () -> new JinjaRenderer(projects.primary(), files, policyVars));
    }

    /** The renderer of the project that owns {@code path}: its macros, packages and vars. */
    public JinjaRenderer renderer(String path) {
        if (sharedWith != null) {
            return sharedWith.renderer(path);
        }
        DbtProject owner = projects.projectOf(path);
        return renderers.get(owner, () -> new JinjaRenderer(owner, files, policyVars));
    }

    /** The primary project (the shallowest); a file's own project is {@link #projectOf}. */
    public DbtProject project() {
        return projects.primary();
    }

    /** Every project of the revision. */
    public DbtProjects projects() {
        return projects;
    }

    /** The innermost project that holds {@code path}. */
    public DbtProject projectOf(String path) {
        return projects.projectOf(path);
    }

    /** The analysis of a file at this revision; empty when it is absent, binary, or over {@link #MAX_FILE_CHARS}. */
    public Optional<FileAnalysis> analyze(String path) {
        if (sharedWith != null && !differing.contains(path)) {
            return sharedWith.analyze(path);
        }
        return cache.get(path, () -> files.read(path).filter(t -> t.length() <= MAX_FILE_CHARS).map(t -> analyze(path, t)));
    }

    /** The analysis of {@code text} as the file {@code path} (not cached). */
    public FileAnalysis analyze(String path, String text) {
        JinjaRenderer renderer = renderer(path);
        DbtProject project = projects.projectOf(path);
        Rendered full = renderer.render(path, text, false);
        // is_incremental() is only ever true for the incremental materialization: another model's branch never runs
        if (full.usedIncremental() && incrementalMaterialization(project, path, full.config())) {
            Rendered inc = renderer.render(path, text, true);
            return new FileAnalysis(path, full, inc, project.dialect());
        }
        return new FileAnalysis(path, full, null, project.dialect());
    }

    /**
     * True when the model is built with the incremental materialization: its own {@code config(materialized=..)},
     * else the nearest {@code +materialized} of {@code dbt_project.yml}.
     */
    public static boolean incrementalMaterialization(DbtProject project, String path, Map<String, Object> config) {
        Object materialized = config.get("materialized");
        String value = materialized != null ? String.valueOf(materialized) : project.folderConfig(path, "materialized").orElse("");
        return value.equalsIgnoreCase("incremental");
    }

    /** The analysis of the model a {@code ref()} names (the primary project's, else another project's). */
    public Optional<FileAnalysis> model(String name) {
        return projects.modelPath(name).flatMap(this::analyze);
    }

    /** The analysis of the model a {@code ref()} in {@code fromPath} names: its own project's first. */
    public Optional<FileAnalysis> model(String name, String fromPath) {
        return projects.modelPath(name, fromPath).flatMap(this::analyze);
    }
}
