package dev.lastmile.cli;

import dev.lastmile.core.Version;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.source.SourceException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lastmile}: the same checks the GitHub App runs, on a local repository. Exit codes: 0 nothing fails,
 * 1 findings fail the threshold, 2 usage or configuration error (one line on stderr), 3 internal error.
 */
@Command(name = "lastmile", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Production-readiness checks for data pipelines.",
        subcommands = {ScanCommand.class, DemoCommand.class, ReportCommand.class, RulesCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    public static void main(String[] args) {
        // JGit logs through SLF4J; without a provider SLF4J prints a warning on every run
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; used by {@link #main} and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("lastmile: " + ex.getMessage() + " (see 'lastmile " + ex.getCommandLine().getCommandName()
                    + " --help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException || ex instanceof PolicyException || ex instanceof SourceException
                    || ex instanceof IllegalArgumentException) {
                err.println("lastmile: " + oneLine(ex.getMessage()));
                return USAGE;
            }
            err.println("lastmile: internal error: " + ex);
            ex.printStackTrace(err);
            return INTERNAL;
        });
        return cl.execute(args);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required: scan, demo, report or rules");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lastmile " + Version.current()};
        }
    }
}
