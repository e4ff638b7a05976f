package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adopting lastmile on a repository with history: init, explain, baseline, and the pre-commit hook's --staged. */
class AdoptionTest {

    static final String PASSWORD_LINE = "      password: \"Xq7-v9Lm2pR4tZ8w\"\n";

    @TempDir
    Path tmp;
    Path repo;
    Git git;
    final PersonIdent who = new PersonIdent("t", "t@example.com");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    void commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    @BeforeEach
    void repository() throws Exception {
        repo = tmp.resolve("shop");
        Files.createDirectories(repo.resolve("transform/models"));
        git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        Files.writeString(repo.resolve("transform/dbt_project.yml"), "name: shop\nprofile: shop\nmodel-paths: [models]\n");
        Files.writeString(repo.resolve("transform/models/a.sql"), "select 1 as x\n");
        Files.writeString(repo.resolve("transform/profiles.yml"),
                "shop:\n  target: dev\n  outputs:\n    dev:\n      type: snowflake\n" + PASSWORD_LINE);
        commit("history, with a credential from long ago");
    }

    @Test
    void initDetectsTheDbtProjectAndDialectAndWritesAPolicyThatLoads() throws Exception {
        assertThat(run("init", "--repo", repo.toString())).isZero();
        Path policy = repo.resolve(".lastmile.yml");
        String text = Files.readString(policy);
        assertThat(text).startsWith("# yaml-language-server: $schema=" + InitCommand.SCHEMA_URL + "\n")
                .contains("# dbt projects found: transform").contains("dialect: snowflake").contains("(from transform/profiles.yml)")
                .doesNotContain("Xq7-v9Lm2pR4tZ8w");
        Policy loaded = PolicyLoader.parse(".lastmile.yml", text);
        assertThat(loaded.failOn().id()).isEqualTo("high");
        assertThat(out.toString()).contains("SQL dialect:  snowflake");
        // never over a policy someone wrote, unless asked
        assertThat(run("init", "--repo", repo.toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("exists; --force replaces it");
        assertThat(run("init", "--repo", repo.toString(), "--force")).isZero();
    }

    @Test
    void initWithSeveralDialectsLeavesTheChoiceToEachProfileAndStillLoads() throws Exception {
        Files.createDirectories(repo.resolve("other"));
        Files.writeString(repo.resolve("other/requirements.txt"), "dbt-bigquery==1.9.0\n");
        assertThat(run("init", "--repo", repo.toString(), "--stdout")).isZero();
        assertThat(out.toString()).contains("Several adapters found (bigquery, snowflake)").doesNotContain("\nsql:");
        PolicyLoader.parse(".lastmile.yml", out.toString());
    }

    @Test
    void explainShowsTheRulePageByIdOrNameAndSuggestsOnATypo() {
        assertThat(run("explain", "SQL001")).isZero();
        assertThat(out.toString()).startsWith("SQL001 — SELECT * passes PII").contains("Why it matters")
                .doesNotContain("```").contains("Online: https://github.com/lastmile-dev/lastmile/blob/main/docs/rules/SQL001.md");
        assertThat(run("explain", "sql.pii.select_star")).isZero();
        assertThat(out.toString()).startsWith("SQL001");
        assertThat(run("explain", "SQL01")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("no rule 'SQL01' (did you mean SQL001?)");
        // every rule this build reports has its page inside the jar
        RulesCommand.rows().forEach(r -> assertThat(ExplainCommand.page(r.rule().id())).as(r.rule().id()).isPresent());
    }

    @Test
    void aBaselineMakesTodaysFindingsExistingAndNewOnesStillFail() throws Exception {
        assertThat(run("baseline", "--repo", repo.toString(), "--offline", "--checks", "secrets")).isZero();
        Path file = repo.resolve(Baseline.DEFAULT_FILE);
        JsonNode doc = Json.parse(Files.readString(file));
        assertThat(doc.path("findings")).hasSize(1);
        assertThat(doc.toString()).contains("SEC001").doesNotContain("Xq7-v9Lm2pR4tZ8w");

        // without the baseline a full scan fails on the old credential; with it, it does not
        assertThat(run("scan", "--repo", repo.toString(), "--full", "--offline", "--checks", "secrets")).isEqualTo(Main.FINDINGS);
        assertThat(run("scan", "--repo", repo.toString(), "--full", "--offline", "--checks", "secrets",
                "--baseline", file.toString(), "--format", "json")).isZero();
        assertThat(Json.parse(out.toString()).path("findings").get(0).path("status").asText()).isEqualTo("suppressed");

        // a change that edits the old line (moving it down) keeps it baselined; a new credential still fails
        git.checkout().setCreateBranch(true).setName("pr").call();
        Files.writeString(repo.resolve("transform/profiles.yml"), "# profiles\nshop:\n  target: dev\n  outputs:\n    dev:\n"
                + "      type: snowflake\n" + PASSWORD_LINE.replace("      ", "      ") + "      token: \"ghp_0123456789abcdefABCDEF0123456789abcd\"\n");
        commit("touch the profile");
        assertThat(run("scan", "--repo", repo.toString(), "--base", "main", "--offline", "--checks", "secrets",
                "--baseline", file.toString(), "--format", "json")).isEqualTo(Main.FINDINGS);
        JsonNode findings = Json.parse(out.toString()).path("findings");
        assertThat(findings.toString()).doesNotContain("Xq7-v9Lm2pR4tZ8w").doesNotContain("ghp_0123456789abcdef");
        for (JsonNode f : findings) {
            if (f.path("line").asInt() == 7) {
                assertThat(f.path("status").asText()).as("the baselined password").isEqualTo("existing");
            } else {
                assertThat(f.path("status").asText()).as("the new token").isEqualTo("new");
            }
        }
        assertThat(findings.size()).isGreaterThanOrEqualTo(2);

        assertThat(run("scan", "--repo", repo.toString(), "--baseline", tmp.resolve("nope.json").toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("no such file (write one with 'lastmile baseline')");
    }

    @Test
    void stagedChecksTheIndexNotTheWorkingTreeAndChangesNothing() throws Exception {
        Path sql = repo.resolve("transform/models/b.sql");
        Files.writeString(sql, "select 2 as y\n");
        git.add().addFilepattern("transform/models/b.sql").call();
        // staged: a harmless model. Unstaged, in the working tree only: a credential that is not being committed.
        Files.writeString(repo.resolve("transform/profiles.yml"), "shop:\n  target: dev\n  outputs:\n    dev:\n      type: snowflake\n"
                + PASSWORD_LINE + "      token: \"ghp_0123456789abcdefABCDEF0123456789abcd\"\n");
        String headBefore = git.getRepository().resolve("HEAD").name();
        assertThat(run("scan", "--repo", repo.toString(), "--staged", "--offline", "--checks", "secrets,sql", "--format", "json"))
                .as(err.toString()).isZero();
        JsonNode doc = Json.parse(out.toString());
        assertThat(doc.path("base").asText()).isEqualTo(headBefore);
        assertThat(doc.path("findings").toString()).doesNotContain("profiles.yml");
        assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(headBefore);
        assertThat(git.status().call().getModified()).containsExactly("transform/profiles.yml");
        assertThat(git.status().call().getAdded()).containsExactly("transform/models/b.sql");

        // once staged, the credential fails the commit
        git.add().addFilepattern("transform/profiles.yml").call();
        assertThat(run("scan", "--repo", repo.toString(), "--staged", "--offline", "--checks", "secrets")).isEqualTo(Main.FINDINGS);
        assertThat(run("scan", "--repo", repo.toString(), "--staged", "--full")).isEqualTo(Main.USAGE);
    }
}
