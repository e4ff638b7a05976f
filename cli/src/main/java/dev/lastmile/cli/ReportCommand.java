package dev.lastmile.cli;

import dev.lastmile.report.Report;
import dev.lastmile.report.ReportGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lastmile report}: the findings report the {@code report} function builds, from any store, into a folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Build the findings report (index.html, summary.json, findings.csv) from a findings store.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "DIR|s3://bucket/prefix", description = "The findings store to read.")
    String store;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the report files.")
    Path out;

    @Option(names = "--codeowners", paramLabel = "[OWNER/REPO=]PATH",
            description = "Group open findings by the owners CODEOWNERS gives their paths. PATH is a CODEOWNERS file or a "
                    + "checkout (.github/, root, docs/ searched in GitHub's order); OWNER/REPO= limits it to one repository. Repeatable.")
    java.util.List<String> codeowners = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!store.contains("://") && !java.nio.file.Files.isDirectory(Path.of(store))) {
            throw new UsageException("--store " + store + ": no such directory");
        }
        java.util.Map<String, dev.lastmile.report.CodeOwners> byRepository = new java.util.HashMap<>();
        dev.lastmile.report.CodeOwners everywhere = null;
        for (String spec : codeowners) {
            int eq = spec.indexOf('=');
            String repository = eq > 0 && spec.substring(0, eq).matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+") ? spec.substring(0, eq) : null;
            Path path = Path.of(repository == null ? spec : spec.substring(eq + 1));
            dev.lastmile.report.CodeOwners co = dev.lastmile.report.CodeOwners.read(path).orElseThrow(() ->
                    new UsageException("--codeowners " + spec + ": no CODEOWNERS at " + path + " (nor .github/, docs/ under it)"));
            if (repository == null) {
                everywhere = co;
            } else {
                byRepository.put(repository.toLowerCase(java.util.Locale.ROOT), co);
            }
        }
        dev.lastmile.report.CodeOwners fallback = everywhere;
        Report report = codeowners.isEmpty() ? new ReportGenerator().build(Stores.open(store), Instant.now())
                : new ReportGenerator().build(Stores.open(store), Instant.now(), repository -> java.util.Optional.ofNullable(
                        byRepository.getOrDefault(repository.toLowerCase(java.util.Locale.ROOT), fallback)));
        if (report.runsRead() == 0) {
            // an empty or mistyped store must not become a green "0 findings" report
            throw new UsageException("--store " + store + " holds no scan runs (runs/<owner>/<repo>/<job>/<check>.json): "
                    + "a mistyped path or prefix, or nothing has been scanned into it yet");
        }
        ReportGenerator.writeTo(out, report);
        stdout.println("lastmile: report of " + report.open().size() + " open findings from " + report.runsRead()
                + " runs written to " + out.toAbsolutePath().normalize().resolve("index.html"));
        report.notes().forEach(n -> stdout.println("note: " + n));
        stdout.flush();
        return Main.OK;
    }
}
