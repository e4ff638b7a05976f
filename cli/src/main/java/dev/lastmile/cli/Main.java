package dev.lastmile.cli;

import dev.lastmile.core.Version;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.source.SourceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lastmile}: the same checks the GitHub App runs, on a local repository. Exit codes: 0 nothing fails,
 * 1 findings fail the threshold, 2 usage or configuration error, 3 internal error. Every error is one line on
 * stderr naming its cause; {@code LASTMILE_DEBUG=1} adds the stack trace of an internal error.
 */
@Command(name = "lastmile", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Production-readiness checks for data pipelines.",
        subcommands = {ScanCommand.class, InitCommand.class, BaselineCommand.class, ExplainCommand.class,
                RulesCommand.class, McpCommand.class, DemoCommand.class, ReportCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    /** What stdout and stderr are connected to (colour, progress lines); commands reach it as their parent's. */
    final Terminal terminal;

    Main(Terminal terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        // JGit logs through SLF4J; without a provider SLF4J prints a warning on every run
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        silenceLibraryLogging();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), Terminal.fromEnvironment()));
    }

    /**
     * Libraries that log through java.util.logging (SnakeYAML warns "duplicate keys found" for every schema.yml that
     * repeats a key) would print into the user's terminal and the pre-commit hook's output, unasked. The CLI reports
     * through its own output, so their logging goes nowhere, as SLF4J's does (slf4j-nop).
     */
    static void silenceLibraryLogging() {
        java.util.logging.LogManager.getLogManager().reset();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
    }

    /** Runs the command line and returns the exit code; used by {@link #main} and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Terminal.NONE);
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Terminal terminal) {
        CommandLine cl = new CommandLine(new Main(terminal));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String name = ex.getCommandLine().getCommandName();
            err.println("lastmile: " + oneLine(ex.getMessage()) + " (see 'lastmile " + (name.equals("lastmile") ? "" : name + " ")
                    + "--help')");
            return USAGE;
        });
        // `lastmile frobnicate --help` must not print the main help and succeed: an unknown command is an error,
        // whatever follows it (picocli lets a help option win over unmatched arguments).
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            List<String> unmatched = parseResult.unmatched();
            if (!parseResult.hasSubcommand() && !unmatched.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "unknown command '" + unmatched.get(0)
                        + "' (commands: " + String.join(", ", cl.getSubcommands().keySet()) + ")");
            }
            return runLast.execute(parseResult);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException || ex instanceof PolicyException || ex instanceof SourceException
                    || ex instanceof IllegalArgumentException) {
                err.println("lastmile: " + oneLine(ex.getMessage()));
                return USAGE;
            }
            if (ex instanceof UncheckedIOException || ex instanceof IOException) {
                // a file we were told to read or write: the user's to fix, so a usage error naming path and cause
                err.println("lastmile: " + describe(ex));
                return USAGE;
            }
            err.println("lastmile: internal error: " + describe(ex)
                    + (debug() ? "" : " (LASTMILE_DEBUG=1 shows the stack trace)"));
            if (debug()) {
                ex.printStackTrace(err);
            }
            return INTERNAL;
        });
        return cl.execute(args);
    }

    private static boolean debug() {
        String d = System.getenv("LASTMILE_DEBUG");
        return d != null && !d.isEmpty() && !d.equals("0");
    }

    /** One line: the exception's message, then each distinct cause's, e.g. "cannot write x: x: Not a directory". */
    static String describe(Throwable ex) {
        StringBuilder b = new StringBuilder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Throwable t = ex; t != null && seen.size() < 5; t = t.getCause()) {
            String m = t instanceof FileSystemException fse ? fileProblem(fse) : t.getMessage();
            if (m == null || m.isBlank()) {
                m = t.getClass().getSimpleName();
            }
            m = oneLine(m);
            // wrappers often repeat their cause's message ("java.io.IOException: x"): say each thing once
            if (seen.add(m) && !b.toString().contains(m)) {
                b.append(b.isEmpty() ? "" : ": ").append(m);
            }
        }
        return b.toString();
    }

    private static String fileProblem(FileSystemException e) {
        String reason = e.getReason() != null ? e.getReason()
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "exists and is not a directory"
                : e.getClass().getSimpleName();
        return (e.getFile() == null ? "" : e.getFile() + ": ") + reason;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required: scan, init, baseline, "
                + "explain, rules, mcp, demo or report");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lastmile " + Version.current() + " (commit " + Version.commit() + ")"};
        }
    }
}
