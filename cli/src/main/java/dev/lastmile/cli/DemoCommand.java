package dev.lastmile.cli;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.output.JsonReport;
import dev.lastmile.core.output.MarkdownSummary;
import dev.lastmile.core.output.Sarif;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.core.source.NamedRepositorySource;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.store.LocalObjectStore;
import dev.lastmile.report.Report;
import dev.lastmile.report.ReportGenerator;
import java.time.Instant;
import dev.lastmile.git.GitRepositorySource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lastmile demo}: builds a small dbt repository from the bundled example (a base commit on {@code main}, then
 * a pull-request commit carrying the problems lastmile exists for), runs every available check on it offline, stores
 * the findings in a local store and prints the pull-request summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build the demo repository, check its pull request with every check, and show the result.")
final class DemoCommand implements Callable<Integer> {

    static final String MARKER = ".lastmile-demo";
    static final String DEMO = "dev/lastmile/cli/demo";
    static final String BASE_BRANCH = "main";
    static final String PR_BRANCH = "add-customer-marts";
    static final String REPOSITORY = "demo/shop";
    static final int PULL_REQUEST = 1;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    Main parent;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to build it (default: ./.lastmile-demo).")
    Path dir = Path.of(".lastmile-demo");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path root = dir.toAbsolutePath().normalize();
        prepare(root);
        Path repo = root.resolve("repo");
        buildRepository(repo);
        Path cache = root.resolve("dependency-cache");
        if (BundledResources.exists(DEMO + "/cache")) {
            BundledResources.copyTree(DEMO + "/cache", cache);
        }

        Path storeDir = root.resolve("store");
        LocalObjectStore objects = new LocalObjectStore(storeDir);
        FindingsStore store = new FindingsStore(objects);
        ScanResult result;
        try (RepositorySource source = new NamedRepositorySource(GitRepositorySource.open(repo), REPOSITORY)) {
            // what the nightly scheduled scan saw on main before the pull request
            store.save("demo-full-main", new ScanEngine().scan(new ScanEngine.Request(source, null, BASE_BRANCH,
                    ScanMode.FULL, null, null, checks(cache), null)));
            // the pull request, as the GitHub App checks it
            result = new ScanEngine().scan(new ScanEngine.Request(source, BASE_BRANCH, PR_BRANCH, ScanMode.PULL_REQUEST,
                    PULL_REQUEST, null, checks(cache), null));
            store.save("demo-pr-" + PULL_REQUEST, result);
        }
        // the report shows the organisation's view if the pull request were merged as it is
        store.recordMerge(REPOSITORY, PULL_REQUEST, Instant.now(), result.head(), BASE_BRANCH);
        Path reportDir = root.resolve("report");
        Report report = new ReportGenerator().build(objects, Instant.now());
        ReportGenerator.writeTo(reportDir, report);

        Path sarif = root.resolve("lastmile.sarif");
        Path json = root.resolve("lastmile.json");
        Path summary = root.resolve("summary.md");
        String markdown = MarkdownSummary.render(result, null);
        Files.writeString(sarif, Sarif.write(result));
        Files.writeString(json, JsonReport.write(result));
        Files.writeString(summary, markdown);

        // a short summary for the terminal; the full Markdown, SARIF and HTML are files, named at the end
        Terminal.Style style = new Terminal.Style(parent != null && parent.terminal.colourOut());
        out.println(style.bold("lastmile demo") + ": pull request #" + PULL_REQUEST + " of " + REPOSITORY + " ("
                + BASE_BRANCH + " <- " + PR_BRANCH + "), checked offline by " + (result.runs().isEmpty() ? "no checks"
                : String.join(", ", result.runs().stream().map(r -> r.check()).toList())));
        java.util.List<dev.lastmile.core.model.Finding> failing = result.failing();
        out.println(result.findings().size() + " findings, " + (failing.isEmpty() ? style.green("none fails")
                : style.red(failing.size() + " fail the pull request")) + ":");
        for (var run : result.runs()) {
            long f = failing.stream().filter(x -> x.check().equals(run.check())).count();
            out.printf("  %-10s %3d findings, %3d failing%n", run.check(), run.findings().size(), f);
        }
        int shown = 0;
        for (var f : failing.stream().sorted(java.util.Comparator.comparing((dev.lastmile.core.model.Finding x) -> x.severity())
                .reversed().thenComparing(x -> x.path())).toList()) {
            if (shown++ == 5) {
                out.println("  ... and " + (failing.size() - 5) + " more in the summary");
                break;
            }
            out.println("  " + style.red(f.severity().id()) + "  " + f.ruleId() + "  " + repo.relativize(repo.resolve(f.path()))
                    + ":" + f.line() + "  " + Main.oneLine(f.title().isEmpty() ? f.message() : f.title()));
        }
        out.println();
        out.println("Pull-request summary (Markdown): " + summary);
        out.println("SARIF (code scanning):           " + sarif);
        out.println("JSON report:                     " + json);
        out.println("Findings report (HTML):          " + reportDir.resolve("index.html") + "  (" + report.open().size()
                + " open findings if the pull request were merged as it is)");
        out.println("Findings store:                  " + storeDir);
        if (Files.isDirectory(cache)) {
            out.println("Dependencies were judged offline from the deps.dev/OSV answers shipped in examples/demo/cache.");
        }
        out.println("Try it yourself: lastmile scan --repo " + repo + " --base " + BASE_BRANCH + " --head " + PR_BRANCH
                + "   ·   lastmile explain " + (failing.isEmpty() ? "SQL001" : failing.get(0).ruleId()));
        out.flush();
        return Main.OK;
    }

    /** Every check, offline; the dependency check reads the answers snapshot shipped with the demo. */
    private static java.util.List<dev.lastmile.core.scan.Check> checks(Path cache) {
        return CheckRegistry.all(new CheckRegistry.Options(true, cache));
    }

    /** Creates the demo folder; an existing one is replaced only when it is a previous demo (it has the marker). */
    static void prepare(Path root) throws IOException {
        if (Files.exists(root)) {
            if (!Files.exists(root.resolve(MARKER))) {
                throw new UsageException(root + " exists and is not a lastmile demo folder; choose another --dir");
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(root);
        Files.writeString(root.resolve(MARKER), "made by lastmile demo; safe to delete\n");
    }

    static void buildRepository(Path repo) throws IOException, GitAPIException {
        Files.createDirectories(repo);
        // fixed identity and time: the demo's commit ids, and so its fingerprints, are the same on every machine
        PersonIdent who = new PersonIdent("lastmile demo", "demo@lastmile.invalid", java.time.Instant.parse("2026-01-05T09:00:00Z"), java.time.ZoneOffset.UTC);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch(BASE_BRANCH).call()) {
            BundledResources.copyTree(DEMO + "/base", repo);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Shop: staging models").setAuthor(who).setCommitter(who).setSign(false).call();
            git.checkout().setCreateBranch(true).setName(PR_BRANCH).call();
            BundledResources.copyTree(DEMO + "/pr", repo);
            git.add().addFilepattern(".").call();
            PersonIdent later = new PersonIdent(who, java.time.Instant.parse("2026-01-06T09:00:00Z"), java.time.ZoneOffset.UTC);
            git.commit().setMessage("Add customer marts (written with an AI assistant)").setAuthor(later).setCommitter(later)
                    .setSign(false).call();
        }
    }
}
