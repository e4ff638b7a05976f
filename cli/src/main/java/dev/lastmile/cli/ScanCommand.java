package dev.lastmile.cli;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.output.JsonReport;
import dev.lastmile.core.output.MarkdownSummary;
import dev.lastmile.core.output.Sarif;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.ProgressListener;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.NamedRepositorySource;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.git.GitRepositorySource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lastmile scan}: runs the checks in-process exactly as the Lambda functions do. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a change (base..head) or, with --full, every file at head.",
                "Exit 0 when nothing fails, 1 when findings fail the threshold, 2 for usage or configuration errors,",
                "4 when nothing was checked (base and head are the same commit: use --full, or give --base)."})
final class ScanCommand implements Callable<Integer> {

    enum Format { text, json, sarif, markdown }

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main parent;

    @Mixin
    ScanOptions options = new ScanOptions();

    @Option(names = "--base", paramLabel = "REF", description = "Base revision (default: the merge base of head with the default branch).")
    String base;

    @Option(names = "--head", paramLabel = "REF", description = "Head revision (default: HEAD).")
    String head;

    @Option(names = "--worktree", description = "Use the working tree, uncommitted changes included, as head.")
    boolean worktree;

    @Option(names = "--staged", description = "Check what is staged for the next commit (the index against HEAD), as the pre-commit hook does.")
    boolean staged;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Treat the findings recorded in FILE (by 'lastmile baseline') as existing.")
    Path baselineFile;

    @Option(names = "--full", description = "Check every file at head, as a scheduled scan does, instead of a change.")
    boolean full;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, sarif or markdown (default: text).")
    Format format = Format.text;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--write", paramLabel = "FORMAT=FILE", description = "Also write the report in FORMAT to FILE; repeatable (--write sarif=lastmile.sarif --write markdown=summary.md).")
    java.util.Map<Format, Path> also = new java.util.LinkedHashMap<>();

    @Option(names = "--link-base", paramLabel = "URL", description = "Markdown links each finding to URL + path (e.g. https://github.com/o/r/blob/<sha>/).")
    String linkBase;

    @Option(names = "--store", paramLabel = "DIR|s3://bucket/prefix", description = "Also store the run (JSON, SARIF, finding rows) there.")
    String store;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Fail on findings of this severity or above (default: the policy's, else high).")
    String failOn;

    @Option(names = "--policy", paramLabel = "FILE", description = "Use this policy file instead of the repository's .lastmile.yml.")
    Path policyFile;

    @Option(names = "--repository", paramLabel = "OWNER/NAME", description = "The repository's name in outputs and the store (default: the folder's name).")
    String repositoryName;

    @Option(names = "--job-id", paramLabel = "ID", description = "The run's id in the store (default: generated).", hidden = true)
    String jobId;

    @Override
    public Integer call() {
        if (full && (base != null)) {
            throw new UsageException("--full checks every file at head; it takes no --base");
        }
        if (worktree && head != null) {
            throw new UsageException("--worktree and --head both name the head; give one");
        }
        if (staged && (worktree || head != null || base != null || full)) {
            throw new UsageException("--staged checks the index against HEAD; it takes no --base, --head, --worktree or --full");
        }
        Baseline baseline = baselineFile == null ? null : Baseline.read(baselineFile);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        RepositorySource git = GitRepositorySource.open(options.repo);
        try (RepositorySource source = repositoryName == null ? git : new NamedRepositorySource(git, repositoryName)) {
            ScanResult result = scan(source, stderr);
            if (baseline != null) {
                result = baseline.apply(result);
            }
            Terminal terminal = parent == null ? Terminal.NONE : parent.terminal;
            String report = format == Format.text
                    ? TextReport.render(result, new Terminal.Style(out == null && terminal.colourOut()), pathPrefix())
                            + DialectNote.text(source, result)
                    : render(format, result);
            for (java.util.Map.Entry<Format, Path> e : also.entrySet()) {
                write(e.getValue(), render(e.getKey(), result));
            }
            if (out != null) {
                write(out, report);
            } else {
                stdout.print(report);
                stdout.flush();
            }
            if (store != null) {
                String id = jobId != null ? jobId : defaultJobId(result);
                new FindingsStore(Stores.open(store)).save(id, result);
                if (format == Format.text || format == Format.markdown || out != null) {
                    stderr.println("lastmile: stored run " + id + " in " + store);
                }
            }
            if (result.failed()) {
                return Main.FINDINGS;
            }
            return sameCommit(result) ? NOTHING_CHECKED : Main.OK;
        }
    }

    String render(Format format, ScanResult result) {
        return switch (format) {
            case text -> TextReport.render(result);
            case json -> JsonReport.write(result);
            case sarif -> Sarif.write(result);
            case markdown -> MarkdownSummary.render(result, linkBase);
        };
    }

    /** What makes a repository path openable from the current directory: nothing when --repo is it. */
    private String pathPrefix() {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path root = GitRoots.workTree(options.repo).orElse(options.repo.toAbsolutePath().normalize());
        if (root.equals(cwd)) {
            return "";
        }
        Path rel = root.startsWith(cwd) ? cwd.relativize(root) : root;
        return rel.toString().replace('\\', '/') + "/";
    }

    /** Exit code when the change is empty because base and head are one commit: nothing was checked. */
    static final int NOTHING_CHECKED = 4;

    /**
     * A pull-request scan of a commit against itself: on the default branch the merge base is the head itself, and in
     * a shallow clone there may be nothing else to compare with. "0 findings" would be a pass that checked nothing.
     */
    private static boolean sameCommit(ScanResult result) {
        return result.mode() == ScanMode.PULL_REQUEST && result.base() != null && result.base().equals(result.head());
    }

    ScanResult scan(RepositorySource source, PrintWriter stderr) {
        if (staged) {
            head = StagedSnapshot.commit(options.repo);
            base = "HEAD";
        }
        String headRev = worktree ? RepositorySource.WORKTREE : head != null ? head : "HEAD";
        String resolvedHead = source.resolve(headRev);
        ScanMode mode = full ? ScanMode.FULL : ScanMode.PULL_REQUEST;
        String baseRev = null;
        if (mode == ScanMode.PULL_REQUEST) {
            baseRev = base != null ? base : defaultBase(source, resolvedHead);
        }
        Policy policy = policy(source, mode == ScanMode.FULL ? resolvedHead : source.resolve(baseRev));
        // Without --checks every family is asked for and the engine applies the policy's checks: (as on a pull
        // request); an explicit --checks runs what it names.
        List<String> names = options.checks != null ? options.checks.stream().map(String::trim).filter(s -> !s.isEmpty()).toList()
                : CheckRegistry.names();
        List<Check> selected;
        try {
            selected = CheckRegistry.create(names, new CheckRegistry.Options(options.offline));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        // progress rewrites its line with \r: only on a terminal, never into a CI log or a file
        boolean stderrIsTerminal = parent != null && parent.terminal.stderrIsTerminal();
        ProgressListener progress = stderrIsTerminal && (format == Format.text || format == Format.markdown)
                ? new ProgressLine(stderr) : ProgressListener.NONE;
        // a staged snapshot is lastmile's commit, not its author's: it attributes its lines to no one
        RepositorySource scanned = staged ? StagedSnapshot.unattributed(source, resolvedHead) : source;
        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(scanned, baseRev, headRev, mode, null, policy,
                selected, progress, options.checks != null));
        if (sameCommit(result)) {
            stderr.println("lastmile: nothing was checked: base and head are the same commit (" + result.head()
                    .substring(0, Math.min(12, result.head().length())) + "), as on the default branch or in a shallow"
                    + " clone. Use --full to check every file, or --base REF to name what to compare with (exit "
                    + NOTHING_CHECKED + ").");
            stderr.flush();
        }
        if (progress instanceof ProgressLine p) {
            p.finish();
        }
        return result;
    }

    private String defaultBase(RepositorySource source, String resolvedHead) {
        String branch = source.defaultBranch().orElseThrow(() -> new UsageException(
                "no default branch (main, master) to compare with: give --base REF, or --full"));
        String headCommit = RepositorySource.WORKTREE.equals(resolvedHead) ? source.resolve("HEAD") : resolvedHead;
        return source.mergeBase(branch, headCommit).orElseThrow(() -> new UsageException(
                "head shares no history with " + branch + ": give --base REF, or --full"));
    }

    /** The policy that judges this scan, with --policy and --fail-on applied; null lets the engine read it. */
    private Policy policy(RepositorySource source, String revision) {
        Policy p;
        if (policyFile != null) {
            try {
                p = PolicyLoader.parse(policyFile.toString(), Files.readString(policyFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UsageException("cannot read policy file " + policyFile + ": " + e.getMessage());
            }
        } else {
            p = ScanEngine.loadPolicy(source, revision).orElse(Policy.defaults());
        }
        if (failOn != null) {
            try {
                p = p.withFailOn(Severity.parse(failOn));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--fail-on: " + e.getMessage());
            }
        }
        return p;
    }

    static String defaultJobId(ScanResult result) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        String rev = result.head() == null ? "worktree" : result.head().substring(0, Math.min(12, result.head().length()));
        return "local-" + stamp + "-" + rev.toLowerCase(java.util.Locale.ROOT);
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + Main.describe(e));
        }
    }
}
