package dev.lastmile.cli;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.output.JsonReport;
import dev.lastmile.core.output.MarkdownSummary;
import dev.lastmile.core.output.Sarif;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.core.store.LocalObjectStore;
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
    static final String BASE_BRANCH = "main";
    static final String PR_BRANCH = "add-customer-marts";

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to build it (default: ./.lastmile-demo).")
    Path dir = Path.of(".lastmile-demo");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path root = dir.toAbsolutePath().normalize();
        prepare(root);
        Path repo = root.resolve("repo");
        buildRepository(repo);

        ScanResult result;
        try (GitRepositorySource source = GitRepositorySource.open(repo)) {
            result = new ScanEngine().scan(new ScanEngine.Request(source, BASE_BRANCH, PR_BRANCH, ScanMode.PULL_REQUEST,
                    1, null, CheckRegistry.all(new CheckRegistry.Options(true)), null));
        }
        Path storeDir = root.resolve("store");
        new FindingsStore(new LocalObjectStore(storeDir)).save("demo-pr-1", result);
        Path sarif = root.resolve("lastmile.sarif");
        Path json = root.resolve("lastmile.json");
        Path summary = root.resolve("summary.md");
        String markdown = MarkdownSummary.render(result, null);
        Files.writeString(sarif, Sarif.write(result));
        Files.writeString(json, JsonReport.write(result));
        Files.writeString(summary, markdown);

        out.println(markdown);
        out.println("---");
        out.println("Demo repository:  " + repo + "  (" + BASE_BRANCH + " <- " + PR_BRANCH + ")");
        out.println("Checks run:       " + (result.runs().isEmpty() ? "none" : String.join(", ",
                result.runs().stream().map(r -> r.check()).toList())));
        out.println("Findings:         " + result.findings().size() + " (" + result.failing().size() + " fail the threshold)");
        out.println("SARIF:            " + sarif);
        out.println("JSON report:      " + json);
        out.println("Findings store:   " + storeDir);
        out.println("Try it yourself:  ./lastmile scan --repo " + repo + " --base " + BASE_BRANCH + " --head " + PR_BRANCH);
        out.flush();
        return Main.OK;
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
            BundledResources.copyTree("dev/lastmile/cli/demo/base", repo);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Shop: staging models").setAuthor(who).setCommitter(who).setSign(false).call();
            git.checkout().setCreateBranch(true).setName(PR_BRANCH).call();
            BundledResources.copyTree("dev/lastmile/cli/demo/pr", repo);
            git.add().addFilepattern(".").call();
            PersonIdent later = new PersonIdent(who, java.time.Instant.parse("2026-01-06T09:00:00Z"), java.time.ZoneOffset.UTC);
            git.commit().setMessage("Add customer marts (written with an AI assistant)").setAuthor(later).setCommitter(later)
                    .setSign(false).call();
        }
    }
}
