package dev.lastmile.cli;

import dev.lastmile.core.store.AuditTrail;
import dev.lastmile.report.AuditExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lastmile audit}: the audit trail of a repository's pull requests (docs/provenance.md, "Audit trail"), exported
 * as evidence in JSON or CSV.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Export the audit trail of a repository's pull requests (one record per event) as JSON or CSV.")
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "DIR|s3://bucket/prefix", description = "The findings store to read.")
    String store;

    @Option(names = "--repo", required = true, paramLabel = "OWNER/NAME", description = "The repository.")
    String repository;

    @Option(names = "--pr", paramLabel = "N", description = "Only this pull request.")
    Integer pullRequest;

    @Option(names = "--since", paramLabel = "DATE", description = "Only records at or after DATE (yyyy-MM-dd, UTC, or an ISO-8601 instant).")
    String since;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|csv", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        if (!repository.matches("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}")) {
            throw new UsageException("--repo " + repository + ": expected OWNER/NAME");
        }
        if (pullRequest != null && pullRequest <= 0) {
            throw new UsageException("--pr " + pullRequest + ": a pull request number is positive");
        }
        if (!format.equals("json") && !format.equals("csv")) {
            throw new UsageException("--format " + format + ": expected json or csv");
        }
        if (!store.contains("://") && !Files.isDirectory(Path.of(store))) {
            throw new UsageException("--store " + store + ": no such directory");
        }
        AuditTrail.Result result = new AuditTrail(Stores.open(store))
                .read(new AuditTrail.Query(repository, pullRequest, parseSince(since)));
        String text = format.equals("csv") ? AuditExport.csv(result) : AuditExport.json(repository, result, Instant.now());
        PrintWriter err = spec.commandLine().getErr();
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(text);
            stdout.flush();
        } else {
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
        }
        err.println("lastmile: " + result.records().size() + " audit records of " + repository
                + (pullRequest == null ? "" : "#" + pullRequest) + (out == null ? "" : " written to " + out));
        result.unreadable().forEach(u -> err.println("lastmile: unreadable audit record " + u));
        err.flush();
        // records that could not be read make the export incomplete evidence: say so in the exit code
        return result.unreadable().isEmpty() ? Main.OK : Main.INTERNAL;
    }

    static Instant parseSince(String since) {
        if (since == null) {
            return null;
        }
        try {
            return since.length() == 10 ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new UsageException("--since " + since + ": expected yyyy-MM-dd or an ISO-8601 instant");
        }
    }
}
