package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.output.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users and the acceptance scripts call it: documents, exit codes, one-line errors. */
class CliTest {

    @TempDir
    Path tmp;
    Path repo;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @BeforeEach
    void repository() throws Exception {
        repo = tmp.resolve("r");
        try (Git git = GitFixture.withBase(repo)) {
            git.tag().setName("base").call();
            git.checkout().setCreateBranch(true).setName("pr").call();
            Files.writeString(repo.resolve("b.sql"), "select 2 as y\n");
            GitFixture.commitAll(git, "pr");
        }
    }

    @Test
    void jsonOutputFollowsTheContract() throws Exception {
        Path o = tmp.resolve("o.json");
        int rc = run("scan", "--repo", repo.toString(), "--base", "base", "--head", "HEAD", "--format", "json", "--out", o.toString());
        assertThat(rc).isIn(0, 1);
        JsonNode doc = Json.parse(Files.readString(o));
        assertThat(doc.path("tool").path("name").asText()).isEqualTo("lastmile");
        assertThat(doc.path("repository").asText()).isEqualTo("r");
        assertThat(doc.path("base").asText()).hasSize(40);
        assertThat(doc.path("head").asText()).hasSize(40).isNotEqualTo(doc.path("base").asText());
        assertThat(doc.path("findings").isArray()).isTrue();
        assertThat(doc.has("summary")).isTrue();
        assertThat(out.toString()).as("with --out nothing goes to stdout").isEmpty();
    }

    @Test
    void sarifAndTheDefaultBaseFromTheDefaultBranch() throws Exception {
        Path o = tmp.resolve("o.sarif");
        assertThat(run("scan", "--repo", repo.toString(), "--format", "sarif", "--out", o.toString())).isIn(0, 1);
        JsonNode sarif = Json.parse(Files.readString(o));
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertThat(run("scan", "--no-such-flag")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1).first().asString().startsWith("lastmile: Unknown option");
        assertThat(run("scan", "--repo", repo.toString(), "--checks", "spelling")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown check 'spelling'");
        assertThat(run("scan", "--repo", repo.toString(), "--base", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown revision 'nope'");
        assertThat(run("scan", "--repo", tmp.resolve("missing").toString())).isEqualTo(2);
        assertThat(run("scan", "--repo", repo.toString(), "--full", "--base", "base")).isEqualTo(2);
        assertThat(run("scan", "--repo", repo.toString(), "--base", "base", "--fail-on", "severe")).isEqualTo(2);
        assertThat(err.toString()).contains("--fail-on: unknown severity 'severe'");
    }

    @Test
    void aBrokenPolicyIsAConfigurationErrorNamingFileAndLine() throws Exception {
        Path policy = tmp.resolve("policy.yml");
        Files.writeString(policy, "fail_on: high\nignore: {a: b}\n");
        assertThat(run("scan", "--repo", repo.toString(), "--base", "base", "--policy", policy.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("lastmile: " + policy + " line 2, key 'ignore': expected a list, found a mapping");
    }

    @Test
    void theStoreReceivesOneRunDocumentPerCheckUnderTheJobId() throws Exception {
        Path store = tmp.resolve("store");
        Path o = tmp.resolve("o.json");
        assertThat(run("scan", "--repo", repo.toString(), "--base", "base", "--format", "json", "--out",
                o.toString(), "--store", store.toString(), "--job-id", "j1")).isIn(0, 1);
        int checks = Json.parse(Files.readString(o)).path("checks").size();
        java.util.List<String> keys = Files.exists(store)
                ? new dev.lastmile.core.store.LocalObjectStore(store).list("") : java.util.List.of();
        assertThat(keys).filteredOn(k -> k.endsWith(".json")).hasSize(checks)
                .allMatch(k -> k.startsWith("runs/local/r/j1/"));
        assertThat(keys).filteredOn(k -> k.endsWith(".jsonl")).hasSize(checks)
                .allMatch(k -> k.startsWith("findings/dt=") && k.endsWith("local__r__j1.jsonl"));
    }

    @Test
    void aFullScanTakesEveryFileAtHead() throws Exception {
        Path o = tmp.resolve("full.json");
        assertThat(run("scan", "--repo", repo.toString(), "--full", "--format", "json", "--out", o.toString())).isIn(0, 1);
        JsonNode doc = Json.parse(Files.readString(o));
        assertThat(doc.path("mode").asText()).isEqualTo("full");
        assertThat(doc.path("base").isNull()).isTrue();
    }

    /** Honest outcomes (issue 14): on the default branch the merge base is the head itself; that checks nothing. */
    @Test
    void comparingACommitWithItselfSaysSoNamesFullAndExitsFour() throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            git.checkout().setName("main").call();
        }
        assertThat(run("scan", "--repo", repo.toString())).isEqualTo(ScanCommand.NOTHING_CHECKED).isEqualTo(4);
        assertThat(err.toString()).contains("nothing was checked").contains("same commit").contains("--full");
        assertThat(run("scan", "--repo", repo.toString(), "--base", "HEAD", "--format", "json")).isEqualTo(4);
        // a real change, or a full scan, is judged as before
        assertThat(run("scan", "--repo", repo.toString(), "--full")).isIn(0, 1);
        assertThat(run("scan", "--repo", repo.toString(), "--base", "base", "--head", "pr")).isIn(0, 1);
    }
}
