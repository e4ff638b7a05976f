package dev.lastmile.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** What every command that scans a repository is asked the same way ({@code scan}, {@code baseline}): a picocli mixin. */
final class ScanOptions {

    @Option(names = "--repo", paramLabel = "DIR", description = "The git repository (default: the current directory).")
    Path repo = Path.of(".");

    @Option(names = "--checks", paramLabel = "LIST", split = ",", description = "Checks to run (default: all available, or the policy's 'checks').")
    List<String> checks;

    @Option(names = "--offline", description = "Make no network requests; checks that need them use their cache and say what they could not check.")
    boolean offline;
}
