package dev.lastmile.check.dependencies;

import dev.lastmile.check.dependencies.client.Advisory;
import dev.lastmile.check.dependencies.client.AnswerCache;
import dev.lastmile.check.dependencies.client.DependencyServices;
import dev.lastmile.check.dependencies.client.HttpJson;
import dev.lastmile.check.dependencies.client.PackageKey;
import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.extract.Extractors;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import dev.lastmile.check.dependencies.rules.DependencyRule;
import dev.lastmile.check.dependencies.rules.Judged;
import dev.lastmile.check.dependencies.rules.LicenseEvaluation;
import dev.lastmile.check.dependencies.rules.MalformedManifest;
import dev.lastmile.check.dependencies.rules.Rules;
import dev.lastmile.check.dependencies.version.Constraint;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The dependency check: licenses and known vulnerabilities of the dependencies a change adds or changes (every
 * dependency in a full scan), from the manifests and lockfiles of Python, JavaScript, JVM, Go and dbt projects.
 *
 * <p>Flow: extract each changed manifest at head and at base; keep the declarations that are new or changed; settle
 * the version to judge (pinned, locked by a lockfile beside it, or the newest release a range admits); ask deps.dev
 * for licenses and OSV for advisories (cache first); let each rule judge. Whatever could not be judged is listed in
 * {@link CheckResult#incomplete()}, never passed in silence.
 */
public final class DependencyCheck implements Check {

    /** Files larger than this are not parsed (a generated lockfile of 20 MB is not a manifest anyone edits). */
    static final int MAX_MANIFEST_CHARS = 20 * 1024 * 1024;
    private static final int MAX_INCLUDE_DEPTH = 5;

    private final DependencyOptions options;
    /** Built on first use and shared by every scan of this instance (a Lambda container serves many). */
    private volatile HttpClient httpClient;

    /** Defaults from the environment: cache under the user's cache directory, online, URLs from the env vars. */
    public DependencyCheck() {
        this(DependencyOptions.fromEnvironment());
    }

    public DependencyCheck(DependencyOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "licenses";
    }

    @Override
    public String checkRunName() {
        return "lastmile/dependencies";
    }

    @Override
    public List<RuleMeta> rules() {
        return Rules.metas();
    }

    @Override
    public void validatePolicy(Policy policy) throws PolicyException {
        LicensePolicy.from(policy);
    }

    /**
     * One declaration to judge and where it was found.
     *
     * @param pins exact versions from the constraints files its manifest names ({@code -c}), by normalised name
     */
    private record Occurrence(Package pkg, String path, boolean lockfile, Map<String, String> pins) {
    }

    @Override
    public CheckResult run(ScanContext context) {
        LicensePolicy policy = LicensePolicy.from(context.policy());
        List<Finding> findings = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        List<Occurrence> occurrences = new ArrayList<>();
        int scanned = 0;
        List<ChangedFile> manifests = context.filesToScan().stream()
                .filter(f -> Extractors.forPath(f.path()).isPresent()).toList();
        for (ChangedFile file : manifests) {
            Optional<Extractor> extractor = Extractors.forPath(file.path());
            context.progress().progress(name(), scanned, manifests.size());
            scanned++;
            Optional<String> head = context.readHead(file.path());
            if (head.isEmpty()) {
                incomplete.add(file.path() + ": not readable as text (binary?), dependencies not checked");
                continue;
            }
            // each manifest under the per-file budget: one over it, or one that overflows the stack, is named by
            // the engine; what it found is merged only when it finished (an abandoned reader may still be writing)
            List<Finding> fileFindings = new ArrayList<>();
            List<String> fileIncomplete = new ArrayList<>();
            Optional<List<Occurrence>> read = context.withinFileBudget(file.path(), () -> extract(extractor.get(),
                    file.path(), head.get(), context::readHead, fileFindings, fileIncomplete, 0, new HashSet<>()));
            if (read.isEmpty()) {
                continue;
            }
            findings.addAll(fileFindings);
            incomplete.addAll(fileIncomplete);
            List<Occurrence> atHead = read.get();
            Set<String> before = new HashSet<>();
            context.readBase(file.previousPath()).flatMap(text -> context.withinFileBudget(file.previousPath(),
                    () -> extract(extractor.get(), file.previousPath(), text, context::readBase, null, null, 0,
                            new HashSet<>()))).ifPresent(base -> base.forEach(o -> before.add(identity(o.pkg()))));
            for (Occurrence o : atHead) {
                if (!before.contains(identity(o.pkg()))) {
                    occurrences.add(o);
                }
            }
        }
        if (occurrences.isEmpty()) {
            return new CheckResult(findings, scanned, incomplete);
        }
        DependencyServices services = services(policy);
        List<Judged> judged = settleVersions(occurrences, policy, context, services, incomplete);
        judge(judged, policy, services, findings, incomplete);
        incomplete.addAll(services.incomplete());
        return new CheckResult(findings, scanned, dedupe(incomplete));
    }

    /**
     * The declarations of one manifest and of the files it pulls in ({@code -r base.txt}), each at its own path and
     * line. {@code findings} and {@code incomplete} are null when reading the base, whose problems are not news.
     */
    private List<Occurrence> extract(Extractor extractor, String path, String text,
                                     Function<String, Optional<String>> reader, List<Finding> findings,
                                     List<String> incomplete, int depth, Set<String> seen) {
        List<Finding> sinkF = findings != null ? findings : new ArrayList<>();
        List<String> sinkI = incomplete != null ? incomplete : new ArrayList<>();
        if (text.length() > MAX_MANIFEST_CHARS) {
            sinkI.add(path + ": larger than " + MAX_MANIFEST_CHARS / (1024 * 1024) + " MB, not parsed");
            return List.of();
        }
        Extraction extraction;
        try {
            extraction = extractor.extract(path, text);
        } catch (MalformedManifestException e) {
            sinkF.add(MalformedManifest.at(path, e.line(), e.getMessage()));
            sinkI.add(path + ": cannot be read, its dependencies are not checked");
            return List.of();
        } catch (RuntimeException | StackOverflowError e) {
            // an extractor bug must not lose the other files' findings
            sinkF.add(MalformedManifest.at(path, 1, "could not be read (" + e.getClass().getSimpleName() + ")"));
            sinkI.add(path + ": reading failed (" + e.getClass().getSimpleName() + ")");
            return List.of();
        }
        for (Extraction.Problem p : extraction.problems()) {
            sinkF.add(MalformedManifest.at(path, p.line(), p.message()));
        }
        List<Occurrence> out = new ArrayList<>();
        Map<String, String> pins = constraintPins(extractor, path, extraction.constraints(), reader);
        extraction.packages().forEach(p -> out.add(new Occurrence(p, path, extractor.isLockfile(), pins)));
        seen.add(path);
        for (String include : extraction.includes()) {
            String target = resolveRelative(path, include);
            if (target == null || depth >= MAX_INCLUDE_DEPTH || !seen.add(target)
                    || Extractors.forPath(target).isPresent()) {
                continue; // a requirements*.txt include is judged as a file of its own when it changes
            }
            Optional<String> included = reader.apply(target);
            if (included.isEmpty()) {
                sinkI.add(path + ": includes " + include + ", which is not in the repository");
                continue;
            }
            out.addAll(extract(extractor, target, included.get(), reader, findings, incomplete, depth + 1, seen));
        }
        return out;
    }

    /**
     * The {@code ==} pins of the constraints files a requirements file names, as {@code version|file} by normalised
     * name; unreadable files are simply absent.
     */
    private static Map<String, String> constraintPins(Extractor extractor, String path, List<String> files,
                                                      Function<String, Optional<String>> reader) {
        Map<String, String> pins = new HashMap<>();
        for (String file : files) {
            String target = resolveRelative(path, file);
            Optional<String> text = target == null ? Optional.empty() : reader.apply(target);
            if (text.isEmpty() || text.get().length() > MAX_MANIFEST_CHARS) {
                continue;
            }
            try {
                for (Package p : extractor.extract(target, text.get()).packages()) {
                    if (p.version() != null) {
                        pins.putIfAbsent(p.normalizedName(), p.version() + "|" + target);
                    }
                }
            } catch (MalformedManifestException | RuntimeException e) {
                // a constraints file that cannot be read pins nothing; the ranges are then resolved as usual
            }
        }
        return pins;
    }

    /** What makes a declaration "the same" at base and head: a change of version, range or source is a change. */
    private static String identity(Package p) {
        return p.ecosystem() + "|" + p.normalizedName() + "|" + p.version() + "|" + p.constraint() + "|" + p.source();
    }

    private DependencyServices services(LicensePolicy policy) {
        URI depsDev = options.depsDevUrl() != null ? options.depsDevUrl()
                : policy.depsDevUrl().orElse(DependencyOptions.DEFAULT_DEPSDEV);
        URI osv = options.osvUrl() != null ? options.osvUrl() : policy.osvUrl().orElse(DependencyOptions.DEFAULT_OSV);
        HttpJson http = new HttpJson(httpClient(), options.network(), d -> Thread.sleep(d), options.clock());
        return new DependencyServices(http, new AnswerCache(options.cache(), options.clock()), options.offline(),
                depsDev, osv, policy.vulnerabilityTtl());
    }

    private HttpClient httpClient() {
        HttpClient c = httpClient;
        if (c == null) {
            synchronized (this) {
                c = httpClient;
                if (c == null) {
                    c = HttpJson.defaultClient(options.network().requestTimeout());
                    httpClient = c;
                }
            }
        }
        return c;
    }

    /**
     * The version each declaration is judged at. Registry packages only: git and path sources, local dbt packages and
     * Maven versions managed elsewhere are listed as not checked.
     */
    private List<Judged> settleVersions(List<Occurrence> occurrences, LicensePolicy policy, ScanContext context,
                                        DependencyServices services, List<String> incomplete) {
        Map<String, Map<String, String>> locks = new HashMap<>();
        List<Judged> out = new ArrayList<>();
        // manifests before lockfiles, so a package is reported where a person declared it
        List<Occurrence> ordered = new ArrayList<>(occurrences.stream().filter(o -> !o.lockfile()).toList());
        ordered.addAll(occurrences.stream().filter(Occurrence::lockfile).toList());
        // the release lists every unlocked range will need, fetched together
        List<PackageKey> needReleases = new ArrayList<>();
        for (Occurrence o : ordered) {
            Package p = o.pkg();
            if (!p.isPinned() && p.fromRegistry() && p.ecosystem() != Ecosystem.DBT && !policy.ignores(p)
                    && !(p.ecosystem() == Ecosystem.MAVEN && p.constraint() == null)
                    && !o.pins().containsKey(p.normalizedName())
                    && lockedVersion(o.path(), p, context, locks) == null) {
                needReleases.add(PackageKey.of(p, ""));
            }
        }
        services.prefetchReleases(needReleases);
        for (Occurrence o : ordered) {
            Package p = o.pkg();
            if (policy.ignores(p) || (p.dev() && !policy.devDependencies())) {
                continue;
            }
            if (p.source() != null) {
                if (!p.source().startsWith("local:") && !p.source().startsWith("link:")
                        && !p.source().startsWith("workspace:") && !p.source().startsWith("file:")
                        && !p.source().startsWith(".") && !p.source().startsWith("/")
                        && !p.source().startsWith("path+") && !p.source().startsWith("directory+")) {
                    incomplete.add(o.path() + ":" + p.line() + ": " + p.name() + " comes from " + p.source()
                            + ", not a registry; its license and advisories are not checked");
                }
                continue;
            }
            if (p.ecosystem() == Ecosystem.DBT) {
                // deps.dev knows dbt packages only as repositories: the license is the repository's, at any version.
                // A git package without a revision follows its default branch: unpinned in the strongest sense.
                boolean floating = p.version() == null && p.constraint() == null;
                out.add(new Judged(p, o.path(), floating ? "HEAD" : p.version(),
                        floating ? "it follows the repository's default branch, so every `dbt deps` may fetch "
                                + "different code" : null, null, null, List.of()));
                continue;
            }
            if (p.isPinned()) {
                out.add(new Judged(p, o.path(), p.version(), null, null, null, null));
                continue;
            }
            String pinned = o.pins().get(p.normalizedName());
            String[] locked = pinned != null ? pinned.split("\\|", 2) : lockedVersion(o.path(), p, context, locks);
            if (locked != null) {
                out.add(new Judged(p, o.path(), locked[0], null, null, null, null, locked[1]));
                continue;
            }
            if (p.ecosystem() == Ecosystem.MAVEN && p.constraint() == null) {
                incomplete.add(o.path() + ":" + p.line() + ": " + p.name()
                        + " takes its version from a parent POM or BOM outside this file; not checked");
                continue;
            }
            Optional<String> newest = newestMatching(p, services);
            if (newest.isEmpty()) {
                incomplete.add(o.path() + ":" + p.line() + ": " + p.display()
                        + ": no release found that the range admits; not checked");
                continue;
            }
            String resolution = "judged at " + newest.get() + ", the newest release "
                    + (p.constraint() == null ? "" : "matching " + p.constraint());
            out.add(new Judged(p, o.path(), newest.get(), resolution.strip(), null, null, null));
        }
        // one report per package version and folder: a package.json entry and its package-lock.json entry are one
        // finding, on the line a person wrote; the same package in two projects' manifests is two findings, so a
        // suppression in one cannot hide the other
        Map<String, Judged> unique = new LinkedHashMap<>();
        for (Judged j : out) {
            String folder = j.path().contains("/") ? j.path().substring(0, j.path().lastIndexOf('/')) : "";
            unique.putIfAbsent(folder + "|" + j.pkg().ecosystem() + "|" + j.pkg().normalizedName() + "|" + j.version(), j);
        }
        return new ArrayList<>(unique.values());
    }

    private static Optional<String> newestMatching(Package p, DependencyServices services) {
        Optional<List<String>> releases = services.releases(p.ecosystem(), PackageKey.of(p, "").name());
        if (releases.isEmpty()) {
            return Optional.empty();
        }
        if (p.constraint() == null) {
            return Constraint.parse("*").flatMap(c -> c.newest(releases.get()));
        }
        return Constraint.parse(p.constraint()).flatMap(c -> c.newest(releases.get()));
    }

    /** {version, lockfile} of what a lockfile in the same folder pins for {@code p} at head, or null. */
    private static String[] lockedVersion(String manifestPath, Package p, ScanContext context,
                                        Map<String, Map<String, String>> cache) {
        String dir = manifestPath.contains("/") ? manifestPath.substring(0, manifestPath.lastIndexOf('/') + 1) : "";
        Map<String, String> locked = cache.computeIfAbsent(dir + "|" + p.ecosystem(), k -> {
            Map<String, String> m = new HashMap<>();
            for (String f : context.headFiles()) {
                if (!f.startsWith(dir) || f.substring(dir.length()).contains("/")) {
                    continue;
                }
                Optional<Extractor> e = Extractors.forPath(f);
                if (e.isEmpty() || !e.get().isLockfile()) {
                    continue;
                }
                Optional<String> text = context.readHead(f);
                if (text.isEmpty() || text.get().length() > MAX_MANIFEST_CHARS) {
                    continue;
                }
                try {
                    for (Package lp : e.get().extract(f, text.get()).packages()) {
                        if (lp.ecosystem() == p.ecosystem() && lp.version() != null) {
                            m.putIfAbsent(lp.normalizedName(), lp.version() + "|" + f);
                        }
                    }
                } catch (MalformedManifestException | RuntimeException ignored) {
                    // reported when the lockfile itself is judged
                }
            }
            return m;
        });
        String hit = locked.get(p.normalizedName());
        return hit == null ? null : hit.split("\\|", 2);
    }

    private static void judge(List<Judged> judged, LicensePolicy policy, DependencyServices services,
                              List<Finding> findings, List<String> unknown) {
        List<PackageKey> keys = new ArrayList<>();
        for (Judged j : judged) {
            keys.add(key(j));
        }
        Map<PackageKey, DependencyServices.LicenseAnswer> licenses = services.licenses(keys);
        Map<PackageKey, List<Advisory>> advisories = services.vulnerabilities(
                keys.stream().filter(k -> k.ecosystem() != Ecosystem.DBT).toList());
        for (Judged j : judged) {
            PackageKey k = key(j);
            DependencyServices.LicenseAnswer license = licenses.get(k);
            Judged full = j.withAnswers(license,
                    license == null ? null : LicenseEvaluation.evaluate(license, policy.judge()),
                    k.ecosystem() == Ecosystem.DBT ? List.of() : advisories.get(k));
            if (license != null && !license.known()) {
                // deps.dev does not know this version: a private package, a typo, or a yanked release
                full = j.withAnswers(null, null, full.advisories());
                unknown.add(k + ": deps.dev does not know this " + (k.ecosystem() == Ecosystem.DBT ? "repository"
                        : "version") + " (private package, misspelt name or withdrawn release?); license not checked");
            }
            for (DependencyRule rule : Rules.all()) {
                rule.judge(full, policy).ifPresent(findings::add);
            }
        }
    }

    private static PackageKey key(Judged j) {
        if (j.pkg().ecosystem() == Ecosystem.DBT) {
            return new PackageKey(Ecosystem.DBT, j.pkg().name(), "project");
        }
        return PackageKey.of(j.pkg(), j.version());
    }

    /** {@code -r ../base.txt} from {@code app/requirements.txt} is {@code base.txt}; null when it leaves the repo. */
    static String resolveRelative(String from, String include) {
        String dir = from.contains("/") ? from.substring(0, from.lastIndexOf('/')) : "";
        List<String> parts = new ArrayList<>(dir.isEmpty() ? List.of() : List.of(dir.split("/")));
        for (String seg : include.replace('\\', '/').split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(seg);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    private static List<String> dedupe(List<String> lines) {
        return List.copyOf(new LinkedHashSet<>(lines));
    }
}
