package dev.lastmile.dbt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every dbt project of one revision of a repository: a monorepo's sibling projects ({@code dbt_subprojects/dex/},
 * {@code dbt_subprojects/tokens/}), a package and its {@code integration_tests/}. Each project keeps its own macros,
 * packages, vars, profile and dialect, and a file belongs to the innermost project whose folder holds it. A
 * repository without {@code dbt_project.yml} is one plain SQL project.
 *
 * <p>The {@link #primary() primary} project is the shallowest (the first by path among equals): what a check that
 * reads one project per repository (residency's zones and naming) reads, and the owner of files outside every
 * project's folder.
 */
public final class DbtProjects {

    private final DbtProject primary;
    /** Deepest root first, so the first whose root holds a path is its innermost project. */
    private final List<DbtProject> byDepth;
    private final List<DbtProject> all;

    private DbtProjects(DbtProject primary, List<DbtProject> all) {
        this.primary = primary;
        this.all = List.copyOf(all);
        List<DbtProject> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt((DbtProject p) -> p.root().length()).reversed());
        this.byDepth = List.copyOf(sorted);
    }

    /** One project (a test, a benchmark of one project). */
    public static DbtProjects of(DbtProject project) {
        return new DbtProjects(project, List.of(project));
    }

    /**
     * Reads every project of the repository. {@code dialectOverride} (the policy's {@code sql.dialect}) applies to
     * each; without it each project's dialect comes from its own profile, else from its own files.
     */
    public static DbtProjects load(ProjectFiles files, Dialect dialectOverride) {
        List<String> projectFiles = DbtProject.projectFiles(files.files());
        if (projectFiles.size() <= 1) {
            return of(DbtProject.load(files, dialectOverride));
        }
        List<DbtProject> projects = new ArrayList<>();
        for (String projectFile : projectFiles) {
            projects.add(DbtProject.loadAt(files, projectFile, projectFiles, dialectOverride));
        }
        DbtProject primary = projects.stream()
                .min(Comparator.comparingInt((DbtProject p) -> p.root().split("/").length).thenComparing(DbtProject::root))
                .orElseThrow();
        return new DbtProjects(primary, projects);
    }

    /** The shallowest project: the owner of files outside every project's folder. */
    public DbtProject primary() {
        return primary;
    }

    /** Every project, by the path of its {@code dbt_project.yml}. */
    public List<DbtProject> all() {
        return all;
    }

    /** The innermost project whose folder holds {@code path}; the primary one for a file outside them all. */
    public DbtProject projectOf(String path) {
        if (all.size() == 1) {
            return primary;
        }
        for (DbtProject p : byDepth) {
            if (p.isDbt() && path.startsWith(p.root())) {
                return p;
            }
        }
        return primary;
    }

    /** True when {@code path} is a model of the project that owns it. */
    public boolean isModel(String path) {
        return projectOf(path).isModel(path);
    }

    /** True when {@code path} is a macro file of any project (a package of a sibling may use it). */
    public boolean isMacroFile(String path) {
        return all.stream().anyMatch(p -> p.isMacroFile(path));
    }

    /**
     * The model file a {@code ref()} in {@code fromPath} names: its own project's model first, then another
     * project's (a project that installs a sibling as a local package refs its models).
     */
    public Optional<String> modelPath(String model, String fromPath) {
        DbtProject own = projectOf(fromPath);
        return own.modelPath(model).or(() -> firstOf(p -> p.modelPath(model)));
    }

    /** The model file of a {@code ref()} name, the primary project's first. */
    public Optional<String> modelPath(String model) {
        return primary.modelPath(model).or(() -> firstOf(p -> p.modelPath(model)));
    }

    /** What some project's YAML says about a model, the primary project's first. */
    public Optional<RelationMeta> model(String name) {
        return primary.model(name).or(() -> firstOf(p -> p.model(name)));
    }

    /** What some project's YAML says about a source table, the primary project's first. */
    public Optional<RelationMeta> source(String sourceDotTable) {
        return primary.source(sourceDotTable).or(() -> firstOf(p -> p.source(sourceDotTable)));
    }

    /** Every project's unreadable YAML files. */
    public List<DbtProject.Problem> problems() {
        return all.stream().flatMap(p -> p.problems().stream()).distinct().toList();
    }

    private <T> Optional<T> firstOf(java.util.function.Function<DbtProject, Optional<T>> f) {
        for (DbtProject p : all) {
            Optional<T> v = f.apply(p);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return all.size() == 1 ? primary.toString() : "DbtProjects" + all;
    }
}
