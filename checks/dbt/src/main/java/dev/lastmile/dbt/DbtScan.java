package dev.lastmile.dbt;

import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.ScanContext;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The dbt project of one revision of a scan, read once and shared by every check (SQL, residency, change impact):
 * one {@link DbtProject} and one {@link DbtAnalyzer}, whose analyses are computed lazily, on first request, once per
 * file. They live in the scan's {@link ScanContext#shared shared} values, keyed by revision and {@link DbtSettings}.
 *
 * <p>The base revision of a pull request shares the head's analysis of every file the change did not touch, unless
 * the change touched what every rendering depends on ({@code dbt_project.yml}, macros, installed packages, profiles):
 * a pull request then renders at base only the files it changed.
 */
public final class DbtScan {

    /**
     * One revision's primary project, its analyser (of every project of the repository) and its files. A check that
     * judges a file asks {@code analyzer().projectOf(path)} for the project that owns it.
     */
    public record Revision(DbtProject project, DbtAnalyzer analyzer, ProjectFiles files) {

        /** Every dbt project of the revision. */
        public DbtProjects projects() {
            return analyzer.projects();
        }
    }

    private DbtScan() {
    }

    /** The project at head, read with the policy's settings. */
    public static Revision head(ScanContext context) {
        DbtSettings settings = DbtSettings.from(context.policy());
        return context.shared(new Key("head", settings), Revision.class, () -> {
            ProjectFiles files = headFiles(context);
            DbtProjects projects = DbtProjects.load(files, settings.dialect());
            return new Revision(projects.primary(), new DbtAnalyzer(projects, files, settings.vars()), files);
        });
    }

    /** The project at the base of a pull request (head's files in a full scan, where there is no base). */
    public static Revision base(ScanContext context) {
        if (context.base() == null) {
            return head(context);
        }
        DbtSettings settings = DbtSettings.from(context.policy());
        return context.shared(new Key("base", settings), Revision.class, () -> {
            ProjectFiles files = baseFiles(context);
            DbtProjects projects = DbtProjects.load(files, settings.dialect());
            Set<String> touched = new HashSet<>();
            boolean environment = false;
            for (ChangedFile f : context.changedFiles()) {
                touched.add(f.path());
                if (f.previousPath() != null) {
                    touched.add(f.previousPath());
                }
                environment |= rendersEverything(projects, f.path())
                        || (f.previousPath() != null && rendersEverything(projects, f.previousPath()));
            }
            DbtAnalyzer analyzer = environment
                    ? new DbtAnalyzer(projects, files, settings.vars())
                    : new DbtAnalyzer(projects, files, settings.vars(), head(context).analyzer(), touched);
            return new Revision(projects.primary(), analyzer, files);
        });
    }

    /**
     * True for a file every rendering depends on: the project file, a macro, an installed package, a profile, the
     * package list. A change to one may change the rendering of any model.
     */
    public static boolean rendersEverything(DbtProject project, String path) {
        String p = path.toLowerCase(Locale.ROOT);
        String name = p.substring(p.lastIndexOf('/') + 1);
        return name.equals("dbt_project.yml") || name.equals("profiles.yml") || name.equals("packages.yml")
                || name.equals("dependencies.yml") || name.equals("package-lock.yml") || name.equals(".lastmile.yml")
                || DbtProject.isInstalledPackage(path) || project.isMacroFile(path) || project.isUnderMacroPath(path);
    }

    /** {@link #rendersEverything(DbtProject, String)} for any project of the repository. */
    public static boolean rendersEverything(DbtProjects projects, String path) {
        return projects.all().stream().anyMatch(p -> rendersEverything(p, path));
    }

    private record Key(String revision, DbtSettings settings) {
    }

    /** The head revision's files as the scan reads them. */
    public static ProjectFiles headFiles(ScanContext context) {
        return ProjectFiles.of(context.headFiles(), context::readHead);
    }

    /** The base revision's files: head's, minus what the change added, plus what it deleted or renamed away. */
    public static ProjectFiles baseFiles(ScanContext context) {
        LinkedHashSet<String> paths = new LinkedHashSet<>(context.headFiles());
        for (ChangedFile f : context.changedFiles()) {
            switch (f.kind()) {
                case ADDED -> paths.remove(f.path());
                case DELETED -> paths.add(f.path());
                case RENAMED -> {
                    paths.remove(f.path());
                    paths.add(f.previousPath());
                }
                default -> {
                }
            }
        }
        return ProjectFiles.of(List.copyOf(paths), context::readBase);
    }
}
