package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the command line behaves for a person at a terminal and for a CI log: errors, colour, locations, version. */
class CliCraftTest {

    @TempDir
    Path tmp;
    Path repo;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(Terminal terminal, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), terminal);
    }

    int run(String... args) {
        return run(Terminal.NONE, args);
    }

    @BeforeEach
    void repository() throws Exception {
        repo = tmp.resolve("r");
        try (Git git = GitFixture.withBase(repo)) {
            git.checkout().setCreateBranch(true).setName("pr").call();
            Files.writeString(repo.resolve("profiles.yml"), "shop:\n  outputs:\n    ci:\n      type: postgres\n      password: \"Xq7-v9Lm2pR4tZ8w\"\n");
            GitFixture.commitAll(git, "pr");
        }
    }

    @Test
    void anUnknownCommandIsAnErrorEvenWithHelp() {
        assertThat(run("frobnicate", "--help")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).startsWith("lastmile: unknown command 'frobnicate'").contains("scan, init")
                .endsWith("(see 'lastmile --help')\n");
        assertThat(out.toString()).isEmpty();
        assertThat(run("init", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: lastmile init");
    }

    @Test
    void theVersionNamesTheCommit() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).matches("lastmile \\S+ \\(commit \\S+\\)\\R");
    }

    @Test
    void aBadOutPathIsOneLineNamingThePathAndTheCause() throws Exception {
        Files.writeString(tmp.resolve("afile"), "x");
        Path bad = tmp.resolve("afile/sub/out.json");
        assertThat(run("scan", "--repo", repo.toString(), "--base", "main", "--offline", "--format", "json", "--out", bad.toString()))
                .isEqualTo(Main.USAGE);
        assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain("\tat ")
                .startsWith("lastmile: cannot write " + bad).contains("afile");
    }

    @Test
    void findingsPrintAsClickableLocationsInColourOnlyOnATerminalWithoutNoColor() {
        run("scan", "--repo", repo.toString(), "--base", "main", "--offline", "--checks", "secrets");
        String plain = out.toString();
        assertThat(plain).containsPattern("(?m)^\\S*r/profiles\\.yml:5:\\d+  high").doesNotContain("\u001b[");
        assertThat(err.toString()).as("no progress line off a terminal").doesNotContain("\r");

        Terminal tty = Terminal.of("true", "true", Map.of("TERM", "xterm-256color"));
        run(tty, "scan", "--repo", repo.toString(), "--base", "main", "--offline", "--checks", "secrets");
        assertThat(out.toString()).contains("\u001b[31;1m");

        Terminal noColor = Terminal.of("true", "true", Map.of("NO_COLOR", "1"));
        run(noColor, "scan", "--repo", repo.toString(), "--base", "main", "--offline", "--checks", "secrets");
        assertThat(out.toString()).doesNotContain("\u001b[").isEqualTo(plain);
        assertThat(Terminal.of("true", "true", Map.of("TERM", "dumb")).colourOut()).isFalse();
        assertThat(Terminal.of("false", "true", Map.of()).colourOut()).isFalse();
    }

    @Test
    void anS3StoreWithoutARegionIsOneLineSayingSo() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
                "the machine configures an AWS region");
        System.setProperty("aws.disableEc2Metadata", "true"); // no instance metadata lookup for a region
        try {
            assertThat(run("report", "--store", "s3://some-bucket/lastmile", "--out", tmp.resolve("rep").toString()))
                    .isEqualTo(Main.USAGE);
        } finally {
            System.clearProperty("aws.disableEc2Metadata");
        }
        assertThat(err.toString().strip()).isEqualTo("lastmile: --store s3://some-bucket/lastmile: no AWS region configured; "
                + "set AWS_REGION (or a profile's region)");
    }

    @Test
    void anEmptyOrMistypedStoreIsAnErrorNotAGreenReport() throws Exception {
        assertThat(run("report", "--store", tmp.resolve("no-such-store").toString(), "--out", tmp.resolve("rep").toString()))
                .isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("no such directory");
        Files.createDirectories(tmp.resolve("empty"));
        assertThat(run("report", "--store", tmp.resolve("empty").toString(), "--out", tmp.resolve("rep").toString()))
                .isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("holds no scan runs");
        assertThat(tmp.resolve("rep/index.html")).doesNotExist();
        // a store with a run is reported
        Path store = tmp.resolve("store");
        assertThat(run("scan", "--repo", repo.toString(), "--base", "main", "--offline", "--checks", "secrets",
                "--store", store.toString())).isEqualTo(Main.FINDINGS);
        assertThat(run("report", "--store", store.toString(), "--out", tmp.resolve("rep").toString())).as(err.toString()).isZero();
        assertThat(tmp.resolve("rep/index.html")).exists();
    }

    @Test
    void anInternalErrorIsOneLineWithItsCauses() {
        String line = Main.describe(new IllegalStateException("outer", new java.io.IOException("disk full")));
        assertThat(line).isEqualTo("outer: disk full");
        assertThat(Main.describe(new java.io.UncheckedIOException("cannot write x",
                new java.nio.file.NotDirectoryException("/tmp/afile/x")))).isEqualTo("cannot write x: /tmp/afile/x: NotDirectoryException");
    }

    @Test
    void librariesLoggingThroughJavaUtilLoggingPrintNothing() {
        // SnakeYAML warns through java.util.logging on every schema.yml that repeats a key; unsilenced, the warning
        // lands in the terminal and in every pre-commit run
        java.util.List<java.util.logging.LogRecord> printed = new java.util.ArrayList<>();
        java.util.logging.Handler console = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { printed.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Main.silenceLibraryLogging();
        java.util.logging.Logger.getLogger("").addHandler(console);
        try {
            new org.yaml.snakeyaml.Yaml().load("columns:\n  data_type: int\n  data_type: bigint\n");
            java.util.logging.Logger.getLogger("org.yaml.snakeyaml").warning("duplicate keys found : data_type");
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(console);
        }
        assertThat(printed).isEmpty();
    }
}
