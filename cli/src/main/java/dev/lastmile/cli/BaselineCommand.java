package dev.lastmile.cli;

import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.git.GitRepositorySource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lastmile baseline}: records today's findings (a full scan of HEAD) by fingerprint, so a repository with
 * history adopts lastmile without failing on what it already had: {@code lastmile scan --baseline FILE}.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Record the fingerprints of every finding at HEAD, so 'lastmile scan --baseline FILE' treats them as existing.",
                "Commit the file; regenerate it to accept what is there again."})
final class BaselineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main parent;

    @Mixin
    ScanOptions options = new ScanOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: <repo>/" + Baseline.DEFAULT_FILE + ").")
    Path out;


    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        ScanCommand scan = new ScanCommand();
        scan.spec = spec;
        scan.parent = parent;
        scan.options = options;
        scan.full = true;
        ScanResult result;
        try (RepositorySource source = GitRepositorySource.open(options.repo)) {
            result = scan.scan(source, spec.commandLine().getErr());
        }
        Path file = out != null ? out : GitRoots.workTree(options.repo).orElse(options.repo).resolve(Baseline.DEFAULT_FILE);
        String doc = Baseline.document(result);
        ScanCommand.write(file, doc);
        long n = Baseline.read(file).fingerprints().size();
        stdout.println("lastmile: recorded " + n + " findings in " + file
                + "; 'lastmile scan --baseline " + file.getFileName() + "' treats them as existing");
        stdout.flush();
        return Main.OK;
    }
}
