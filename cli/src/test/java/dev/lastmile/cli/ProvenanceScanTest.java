package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.output.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19's done-when: {@code lastmile scan} on a change whose commit carries an AI trailer, under
 * {@code provenance: {ai: {fail_on: medium}}}, fails on a medium finding on that commit's lines, and passes the same
 * change from a person. A real git repository, built with JGit; the real SQL check.
 */
class ProvenanceScanTest {

    static final String AI_TRAILER = "Co-authored-by: Claude <noreply@anthropic.com>";
    static final String STRICT = "fail_on: high\nprovenance:\n  ai:\n    fail_on: medium\n";

    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** A dbt project whose base a person commits; the change adds an intermediate model with a star over PII. */
    Path repository(String name, String policy, String message) throws Exception {
        Path repo = tmp.resolve(name);
        Files.createDirectories(repo.resolve("models/intermediate"));
        PersonIdent ada = new PersonIdent("Ada Lovelace", "ada@example.com");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("dbt_project.yml"), "name: shop\nversion: '1.0'\nprofile: shop\n");
            Files.writeString(repo.resolve(".lastmile.yml"), policy);
            Files.writeString(repo.resolve("models/sources.yml"), """
                    version: 2
                    sources:
                      - name: shop
                        tables:
                          - name: customers
                            columns:
                              - name: customer_id
                              - name: email
                                meta: {contains_pii: true}
                    """);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setAuthor(ada).setCommitter(ada).setSign(false).call();
            git.tag().setName("base").call();
            git.checkout().setCreateBranch(true).setName("change").call();
            Files.writeString(repo.resolve("models/intermediate/int_customers.sql"),
                    "select *\nfrom {{ source('shop', 'customers') }}\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage(message).setAuthor(ada).setCommitter(ada).setSign(false).call();
        }
        return repo;
    }

    JsonNode scan(Path repo, int expectedExit) throws Exception {
        Path o = tmp.resolve(repo.getFileName() + ".json");
        int rc = run("scan", "--repo", repo.toString(), "--base", "base", "--checks", "sql", "--format", "json",
                "--out", o.toString());
        assertThat(rc).as(err.toString()).isEqualTo(expectedExit);
        return Json.parse(Files.readString(o));
    }

    @Test
    void aMediumFindingOnAnAiCommitsLinesFailsAndTheSameChangeFromAPersonPasses() throws Exception {
        JsonNode ai = scan(repository("ai", STRICT, "Add the customers model\n\n" + AI_TRAILER + "\n"), 1);
        JsonNode finding = ai.path("findings").get(0);
        assertThat(finding.path("ruleId").asText()).isEqualTo("SQL001");
        assertThat(finding.path("severity").asText()).isEqualTo("medium");
        assertThat(finding.path("status").asText()).isEqualTo("new");
        assertThat(finding.path("authoredBy").asText()).isEqualTo("ai");
        assertThat(finding.path("properties").path("aiFailOn").asText()).isEqualTo("medium");
        assertThat(ai.path("provenance").path("aiAuthored").asBoolean()).isTrue();
        JsonNode evidence = ai.path("provenance").path("commits").get(0).path("evidence").get(0);
        assertThat(evidence.path("kind").asText()).isEqualTo("trailer");
        assertThat(evidence.path("tool").asText()).isEqualTo("Claude Code");
        assertThat(evidence.path("detail").asText()).isEqualTo(AI_TRAILER);
        assertThat(ai.path("provenance").path("commits").get(0).path("sha").asText()).hasSize(40);
        assertThat(ai.path("summary").path("failed").asBoolean()).isTrue();

        JsonNode person = scan(repository("person", STRICT, "Add the customers model\n"), 0);
        assertThat(person.path("findings").get(0).path("ruleId").asText()).isEqualTo("SQL001");
        assertThat(person.path("findings").get(0).path("severity").asText()).isEqualTo("medium");
        assertThat(person.path("findings").get(0).path("authoredBy").asText()).isEqualTo("human");
        assertThat(person.path("provenance").path("aiAuthored").asBoolean()).isFalse();
        assertThat(person.path("provenance").path("commits").get(0).path("evidence")).isEmpty();
    }

    @Test
    void withoutProvenanceInThePolicyTheAiChangeIsReportedButJudgedLikeAnyOther() throws Exception {
        JsonNode ai = scan(repository("plain", "fail_on: high\n", "Add the customers model\n\n" + AI_TRAILER + "\n"), 0);
        assertThat(ai.path("provenance").path("aiAuthored").asBoolean()).isTrue();
        assertThat(ai.path("findings").get(0).path("authoredBy").asText()).isEqualTo("ai");
        assertThat(ai.path("provenance").has("gate")).isFalse();
    }

    @Test
    void theTextReportSaysWhyTheStricterGateAppliedAndThatApprovalsAreNotCheckedLocally() throws Exception {
        Path repo = repository("text", STRICT.replace("fail_on: medium\n", "fail_on: medium\n    require_human_approvals: 1\n"),
                "Add the customers model\n\n" + AI_TRAILER + "\n");
        assertThat(run("scan", "--repo", repo.toString(), "--base", "base", "--checks", "sql")).isEqualTo(1);
        assertThat(out.toString()).contains("AI-authored").contains("fail at medium")
                .contains("not by a local scan");
    }

    @Test
    void stagedLinesAreAttributedToNoOneNotToThePersonOrToolOfAnEarlierCommit() throws Exception {
        Path repo = repository("staged", STRICT, "Add the customers model\n\n" + AI_TRAILER + "\n");
        Files.writeString(repo.resolve("models/intermediate/int_more.sql"), "select *\nfrom {{ source('shop', 'customers') }}\n");
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
        }
        Path o = tmp.resolve("staged.json");
        assertThat(run("scan", "--repo", repo.toString(), "--staged", "--checks", "sql", "--format", "json",
                "--out", o.toString())).as(err.toString()).isEqualTo(0);
        JsonNode doc = Json.parse(Files.readString(o));
        assertThat(doc.path("findings")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.path("authoredBy").asText()).isEqualTo("unknown"));
        assertThat(doc.path("provenance").path("commits")).isEmpty();
        assertThat(doc.path("provenance").path("aiAuthored").asBoolean()).isFalse();
    }
}
