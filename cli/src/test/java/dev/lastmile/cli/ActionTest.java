package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.output.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub Action, run as the runner runs it: the composite's scan step (tools/action/run.sh) in a shallow clone of
 * a pull request's merge commit, with the environment GitHub gives it, and the CLI from this build's class path.
 */
class ActionTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    Path workspace;
    String baseSha;
    final Map<String, String> env = new HashMap<>();

    static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git " + String.join(" ", args) + ": " + out).isZero();
        return out.strip();
    }

    @BeforeEach
    void pullRequest() throws Exception {
        Path origin = tmp.resolve("origin");
        Files.createDirectories(origin);
        git(origin, "init", "-q");
        Files.writeString(origin.resolve("a.sql"), "select 1 as x\n");
        git(origin, "add", "-A");
        git(origin, "commit", "-qm", "base");
        baseSha = git(origin, "rev-parse", "HEAD");
        git(origin, "checkout", "-qb", "feature");
        Files.writeString(origin.resolve("profiles.yml"), """
                shop:
                  target: ci
                  outputs:
                    ci:
                      type: postgres
                      host: db.internal
                      user: loader
                      password: "Xq7-v9Lm2pR4tZ8w"
                      dbname: analytics
                      schema: ci
                """);
        git(origin, "add", "-A");
        git(origin, "commit", "-qm", "ci target");
        // GitHub's refs/pull/N/merge: the pull request merged into the base
        git(origin, "checkout", "-q", "--detach", "main");
        git(origin, "merge", "-q", "--no-ff", "-m", "Merge feature into main", "feature");
        git(origin, "tag", "pull-1-merge");
        // actions/checkout: one commit deep
        git(tmp, "clone", "-q", "--depth", "1", "--branch", "pull-1-merge", origin.toUri().toString(), "workspace");
        workspace = tmp.resolve("workspace");
        assertThat(git(workspace, "rev-parse", "--is-shallow-repository")).isEqualTo("true");

        Files.createDirectories(tmp.resolve("runner"));
        env.put("GITHUB_OUTPUT", tmp.resolve("runner/output").toString());
        env.put("GITHUB_STEP_SUMMARY", tmp.resolve("runner/summary").toString());
        env.put("RUNNER_TEMP", tmp.resolve("runner").toString());
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_REPOSITORY", "acme/shop");
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_ACTION_PATH", ROOT.toString());
        env.put("LASTMILE_EVENT_BASE", baseSha);
        env.put("LASTMILE_HEAD_REPOSITORY", "acme/shop");
        env.put("LASTMILE_OFFLINE", "true");
        env.put("LASTMILE_CMD", Path.of(System.getProperty("java.home"), "bin", "java") + " -cp "
                + System.getProperty("java.class.path") + " dev.lastmile.cli.Main");
    }

    String runStep() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("tools/action/run.sh").toString())
                .directory(workspace.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the scan step never fails itself (the Verdict step does): " + log).isZero();
        return log;
    }

    Map<String, String> outputs() throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(tmp.resolve("runner/output"))) {
            int eq = line.indexOf('=');
            out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    @Test
    void aPullRequestWithACredentialFailsWithItsSummaryAndSarif() throws Exception {
        String log = runStep();
        assertThat(git(workspace, "rev-parse", "--is-shallow-repository")).as("history fetched").isEqualTo("false");
        Map<String, String> out = outputs();
        assertThat(out).containsEntry("exit-code", "1").containsEntry("from-fork", "false");
        assertThat(log).contains("profiles.yml:8:").contains("SEC001");
        String summary = Files.readString(tmp.resolve("runner/summary"));
        assertThat(summary).startsWith("<!-- lastmile:summary -->").contains("profiles.yml")
                .contains("https://github.com/acme/shop/blob/").doesNotContain("Xq7-v9Lm2pR4tZ8w");
        JsonNode sarif = Json.parse(Files.readString(Path.of(out.get("sarif-file"))));
        assertThat(sarif.path("runs").size()).isGreaterThanOrEqualTo(2);
        assertThat(sarif.toString()).contains("\"SEC001\"").doesNotContain("Xq7-v9Lm2pR4tZ8w");
        // only the pull request's change was judged (HEAD^1..HEAD of the merge commit), not the base's a.sql
        assertThat(summary).doesNotContain("a.sql");
    }

    @Test
    void aPullRequestFromAForkSkipsTheUploadAndSaysSo() throws Exception {
        env.put("LASTMILE_HEAD_REPOSITORY", "someone/shop-fork");
        runStep();
        assertThat(outputs()).containsEntry("from-fork", "true").containsEntry("exit-code", "1");
        assertThat(Files.readString(tmp.resolve("runner/summary"))).contains("Code scanning upload skipped");
    }

    @Test
    void aDownloadWhoseChecksumDiffersIsRefused() throws Exception {
        Path releases = tmp.resolve("releases/v9.9.9");
        Files.createDirectories(releases);
        Files.writeString(releases.resolve("lastmile-9.9.9.jar"), "not the jar you pinned");
        env.remove("LASTMILE_CMD");
        env.put("LASTMILE_VERSION", "9.9.9");
        env.put("LASTMILE_DOWNLOAD_BASE", tmp.resolve("releases").toUri().toString());
        env.put("LASTMILE_JAR_SHA256", "0".repeat(64));
        String log = runStep();
        assertThat(log).contains("::error").contains("not the pinned " + "0".repeat(64) + ": refused");
        assertThat(outputs()).containsEntry("exit-code", "2").doesNotContainKey("sarif-file");

        env.put("LASTMILE_JAR_SHA256", "");
        assertThat(runStep()).contains("needs jar-sha256");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCompositeRunsTheTestedStepUploadsWithAPinnedActionAndFailsInTheVerdict() throws Exception {
        Map<String, Object> action = new Yaml().load(Files.readString(ROOT.resolve("action.yml")));
        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        assertThat(runs.get("using")).isEqualTo("composite");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) runs.get("steps");
        assertThat(steps.get(0).get("run")).isEqualTo("bash \"$GITHUB_ACTION_PATH/tools/action/run.sh\"");
        Map<String, String> stepEnv = (Map<String, String>) steps.get(0).get("env");
        for (String input : ((Map<String, Object>) action.get("inputs")).keySet()) {
            if (!input.equals("upload-sarif") && !input.equals("working-directory")) {
                assertThat(stepEnv.values()).as("input " + input + " reaches the step").contains("${{ inputs." + input + " }}");
            }
        }
        for (Map<String, Object> step : steps) {
            Object uses = step.get("uses");
            if (uses != null) {
                assertThat(uses.toString()).as("third-party actions are pinned by commit").matches("[\\w./-]+@[0-9a-f]{40}");
            }
        }
        assertThat(steps.get(1).get("if").toString()).contains("from-fork != 'true'");
        assertThat(steps.get(2).get("if")).isEqualTo("always()");
        assertThat(steps.get(2).get("run")).isEqualTo("exit \"${LASTMILE_EXIT:-3}\"");
    }
}
