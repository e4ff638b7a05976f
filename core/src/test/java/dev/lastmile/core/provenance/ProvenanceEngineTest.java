package dev.lastmile.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.output.JsonReport;
import dev.lastmile.core.output.MarkdownSummary;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.CommitInfo;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.store.RunDocument;
import dev.lastmile.core.testing.LineMatchCheck;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's provenance step: detection over the change's commits, line attribution, the stricter AI gate. */
class ProvenanceEngineTest {

    static final CommitInfo.Identity ADA = CommitInfo.Identity.of("Ada Lovelace", "ada@example.com");
    static final String AI_MESSAGE = "Add the mart\n\nCo-authored-by: Claude <noreply@anthropic.com>\n";
    static final String POLICY = "fail_on: high\nrules:\n  TST001: medium\nprovenance:\n  ai:\n    fail_on: medium\n";

    private final ScanEngine engine = new ScanEngine();
    private final Check check = new LineMatchCheck("BAD");

    private ScanResult scan(InMemorySource src, String head, Check... checks) {
        return engine.scan(new ScanEngine.Request(src, "base", head, ScanMode.PULL_REQUEST, 9, null,
                checks.length == 0 ? List.of(check) : List.of(checks), null));
    }

    private static InMemorySource oneCommit(String policy, String message) {
        return new InMemorySource("o/r")
                .put("base", ".lastmile.yml", policy).put("base", "models/a.sql", "select 1\n")
                .put("c1", ".lastmile.yml", policy).put("c1", "models/a.sql", "select 1\nBAD here\n")
                .commitInfo("c1", CommitInfo.of("c1", ADA, message));
    }

    @Test
    void aMediumFindingOnAnAiCommitsLineFailsUnderTheStricterGateAndTheSameFromAPersonPasses() {
        ScanResult ai = scan(oneCommit(POLICY, AI_MESSAGE), "c1");
        assertThat(ai.provenance().aiAuthored()).isTrue();
        assertThat(ai.provenance().commits()).singleElement().satisfies(c -> {
            assertThat(c.sha()).isEqualTo("c1");
            assertThat(c.evidence()).extracting(Evidence::kind).containsExactly(Evidence.Kind.TRAILER);
        });
        Finding f = ai.findings().get(0);
        assertThat(f.authoredBy()).isEqualTo(AuthoredBy.AI);
        assertThat(f.properties()).containsEntry(Finding.AI_FAIL_ON, "medium").containsEntry(Finding.AI_GATE, "provenance.ai.fail_on");
        assertThat(ai.failed()).isTrue();
        assertThat(ai.aiGate().applied()).isTrue();
        assertThat(ai.aiGate().summary()).contains("1 of 1 commits AI-authored (Claude Code)").contains("medium");

        ScanResult human = scan(oneCommit(POLICY, "Add the mart\n"), "c1");
        assertThat(human.provenance().aiAuthored()).isFalse();
        assertThat(human.findings().get(0).authoredBy()).isEqualTo(AuthoredBy.HUMAN);
        assertThat(human.findings().get(0).properties()).doesNotContainKey(Finding.AI_FAIL_ON);
        assertThat(human.failed()).isFalse();
        assertThat(human.aiGate().applied()).isFalse();
    }

    @Test
    void aSuppressionWrittenInTheChangeNamesWhoWroteItAndOneOlderThanTheChangeNamesNoOne() {
        InMemorySource src = new InMemorySource("o/r")
                .put("base", "a.sql", "BAD old // lastmile:ignore TST001 -- reviewed in 2024\n")
                .put("c1", "a.sql", "BAD old // lastmile:ignore TST001 -- reviewed in 2024\n"
                        + "BAD new // lastmile:ignore TST001 -- fixture for the test\n")
                .commitInfo("c1", CommitInfo.of("c1", ADA, AI_MESSAGE));
        List<Finding> found = scan(src, "c1").findings();
        assertThat(found).extracting(Finding::status).containsOnly(dev.lastmile.core.model.FindingStatus.SUPPRESSED);
        assertThat(found).filteredOn(f -> f.line() == 2).singleElement()
                .satisfies(f -> assertThat(f.properties()).containsEntry(ScanEngine.SUPPRESSION_AUTHOR, "ai"));
        assertThat(found).filteredOn(f -> f.line() == 1).singleElement()
                .satisfies(f -> assertThat(f.properties()).doesNotContainKey(ScanEngine.SUPPRESSION_AUTHOR));
    }

    @Test
    void withoutProvenanceInThePolicyAiAuthorshipIsReportedButJudgedLikeAnyLine() {
        ScanResult r = scan(oneCommit("rules:\n  TST001: medium\n", AI_MESSAGE), "c1");
        assertThat(r.provenance().aiAuthored()).isTrue();
        assertThat(r.findings().get(0).authoredBy()).isEqualTo(AuthoredBy.AI);
        assertThat(r.failed()).isFalse();
        assertThat(r.aiGate().configured()).isFalse();
    }

    @Test
    void eachLineIsAttributedToTheCommitThatLastTouchedIt() {
        InMemorySource src = new InMemorySource("o/r")
                .put("base", ".lastmile.yml", POLICY).put("base", "a.sql", "keep\n")
                // a person adds two lines; an assistant then rewrites the second and adds a third
                .put("c1", ".lastmile.yml", POLICY).put("c1", "a.sql", "BAD by ada\nkeep\nBAD to rewrite\n")
                .put("c2", ".lastmile.yml", POLICY).put("c2", "a.sql", "BAD by ada\nkeep\nBAD rewritten\nBAD added\n")
                .commitInfo("c1", CommitInfo.of("c1", ADA, "Start\n"))
                .commitInfo("c2", CommitInfo.of("c2", ADA, AI_MESSAGE));
        ScanResult r = scan(src, "c2");
        assertThat(r.findings()).extracting(Finding::line, Finding::authoredBy).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, AuthoredBy.HUMAN),
                org.assertj.core.groups.Tuple.tuple(3, AuthoredBy.AI),
                org.assertj.core.groups.Tuple.tuple(4, AuthoredBy.AI));
        assertThat(r.failing()).extracting(Finding::line).containsExactly(3, 4);
        assertThat(r.provenance().commits()).extracting(CommitProvenance::ai).containsExactly(false, true);
    }

    @Test
    void aFindingSpanningLinesOfBothIsMixedAndHeldToTheStricterThreshold() {
        Check span = new LineMatchCheck("BAD") {
            @Override
            public dev.lastmile.core.scan.CheckResult run(dev.lastmile.core.scan.ScanContext context) {
                return new dev.lastmile.core.scan.CheckResult(List.of(Finding.of(RULE, "a.sql",
                        dev.lastmile.core.model.Region.lines(1, 2), "spans two lines")), 1);
            }
        };
        InMemorySource src = new InMemorySource("o/r")
                .put("base", ".lastmile.yml", POLICY).revision("base")
                .put("c1", ".lastmile.yml", POLICY).put("c1", "a.sql", "one\n")
                .put("c2", ".lastmile.yml", POLICY).put("c2", "a.sql", "one\ntwo\n")
                .commitInfo("c1", CommitInfo.of("c1", ADA, "One\n"))
                .commitInfo("c2", CommitInfo.of("c2", ADA, AI_MESSAGE));
        ScanResult r = scan(src, "c2", span);
        assertThat(r.findings()).singleElement().extracting(Finding::authoredBy).isEqualTo(AuthoredBy.MIXED);
        assertThat(r.failed()).isTrue();
    }

    @Test
    void aCriticalPathRuleIsStricterStill() {
        String policy = "fail_on: high\nrules:\n  TST001: low\nprovenance:\n  ai:\n    fail_on: medium\n"
                + "    paths:\n      \"models/finance/**\": {fail_on: low}\n";
        InMemorySource src = new InMemorySource("o/r")
                .put("base", ".lastmile.yml", policy).put("base", "models/finance/rev.sql", "x\n").put("base", "models/other.sql", "x\n")
                .put("c1", ".lastmile.yml", policy).put("c1", "models/finance/rev.sql", "x\nBAD\n").put("c1", "models/other.sql", "x\nBAD\n")
                .commitInfo("c1", CommitInfo.of("c1", ADA, AI_MESSAGE));
        ScanResult r = scan(src, "c1");
        assertThat(r.failing()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("models/finance/rev.sql");
            assertThat(f.properties()).containsEntry(Finding.AI_GATE, "provenance.ai.paths[models/finance/**]");
        });
    }

    @Test
    void aRequiredCheckThatDidNotRunFailsAnAiChangeWithAReasonButNotAPersonsChange() {
        String policy = "provenance:\n  ai:\n    require_checks: [sql, secrets]\n";
        Check secrets = new LineMatchCheck("NOTHING") {
            @Override
            public String name() {
                return "secrets";
            }
        };
        ScanResult ai = scan(oneCommit(policy, AI_MESSAGE), "c1", secrets);
        assertThat(ai.findings()).isEmpty();
        assertThat(ai.aiGate().missingChecks()).containsExactly("sql");
        assertThat(ai.failed()).isTrue();
        assertThat(ai.aiGate().summary()).contains("required checks that did not run: sql");
        assertThat(JsonReport.document(ai).path("summary").path("failed").asBoolean()).isTrue();
        assertThat(MarkdownSummary.render(ai, null)).contains("❌ **The AI gate fails:** checks it requires did not run: sql");

        ScanResult human = scan(oneCommit(policy, "Plain\n"), "c1", secrets);
        assertThat(human.failed()).isFalse();
        assertThat(human.aiGate().missingChecks()).isEmpty();
    }

    @Test
    void anAgentTraceRecordTheChangeCommitsMarksTheCommitItNames() {
        String trace = "{\"version\":\"0.1.0\",\"id\":\"1\",\"vcs\":{\"type\":\"git\",\"revision\":\"c1\"},"
                + "\"tool\":{\"name\":\"cursor\"},\"files\":[{\"path\":\"a.sql\",\"conversations\":[{\"contributor\":"
                + "{\"type\":\"ai\",\"model_id\":\"gpt-5\"},\"ranges\":[{\"start_line\":1,\"end_line\":2}]}]}]}\n";
        InMemorySource src = new InMemorySource("o/r")
                .put("base", ".lastmile.yml", POLICY).revision("base")
                .put("c1", ".lastmile.yml", POLICY).put("c1", "a.sql", "BAD\n")
                .put("c2", ".lastmile.yml", POLICY).put("c2", "a.sql", "BAD\n").put("c2", ".agent-trace/traces.jsonl", trace)
                .commitInfo("c1", CommitInfo.of("c1", ADA, "Model\n"))
                .commitInfo("c2", CommitInfo.of("c2", ADA, "Trace\n"));
        ScanResult r = scan(src, "c2");
        assertThat(r.provenance().commits()).extracting(CommitProvenance::ai).containsExactly(true, false);
        assertThat(r.provenance().commits().get(0).evidence()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.AGENT_TRACE);
            assertThat(e.tool()).isEqualTo("cursor");
            assertThat(e.detail()).contains(".agent-trace/traces.jsonl").contains("gpt-5");
        });
        assertThat(r.findings()).filteredOn(f -> f.path().equals("a.sql")).singleElement()
                .extracting(Finding::authoredBy).isEqualTo(AuthoredBy.AI);
    }

    @Test
    void aLabelMarksEveryCommitOfThePullRequest() {
        InMemorySource src = oneCommit(POLICY, "Plain\n").pullRequestLabels(List.of("ai-generated"));
        ScanResult r = scan(src, "c1");
        assertThat(r.provenance().commits()).singleElement().satisfies(c -> assertThat(c.evidence())
                .extracting(Evidence::kind).containsExactly(Evidence.Kind.LABEL));
        assertThat(r.failed()).isTrue();
    }

    @Test
    void aSourceWithoutCommitMetadataAndAFullScanCallNothingAiAuthored() {
        InMemorySource src = new InMemorySource("o/r").put("base", ".lastmile.yml", POLICY).put("base", "a.sql", "x\n")
                .put("c1", ".lastmile.yml", POLICY).put("c1", "a.sql", "x\nBAD\n");
        ScanResult r = scan(src, "c1");
        assertThat(r.provenance()).isEqualTo(Provenance.unknown());
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.authoredBy()).isEqualTo(AuthoredBy.UNKNOWN));
        assertThat(r.failed()).isFalse();

        ScanResult full = engine.scan(new ScanEngine.Request(oneCommit(POLICY, AI_MESSAGE), null, "c1", ScanMode.FULL,
                null, null, List.of(check), null));
        assertThat(full.provenance().commits()).isEmpty();
        assertThat(full.findings()).allSatisfy(f -> assertThat(f.authoredBy()).isEqualTo(AuthoredBy.UNKNOWN));
    }

    @Test
    void theJsonAndRunDocumentCarryProvenanceAndAuthorshipAndReadBackTheSame() {
        ScanResult r = scan(oneCommit(POLICY, AI_MESSAGE), "c1");
        JsonNode doc = JsonReport.document(r);
        assertThat(doc.path("provenance").path("aiAuthored").asBoolean()).isTrue();
        JsonNode commit = doc.path("provenance").path("commits").get(0);
        assertThat(commit.path("sha").asText()).isEqualTo("c1");
        assertThat(commit.path("ai").asBoolean()).isTrue();
        assertThat(commit.path("evidence").get(0).path("kind").asText()).isEqualTo("trailer");
        assertThat(commit.path("evidence").get(0).path("tool").asText()).isEqualTo("Claude Code");
        assertThat(commit.path("evidence").get(0).path("detail").asText()).isEqualTo("Co-authored-by: Claude <noreply@anthropic.com>");
        assertThat(doc.path("findings").get(0).path("authoredBy").asText()).isEqualTo("ai");
        assertThat(doc.path("findings").get(0).path("properties").has("authoredBy")).isFalse();
        assertThat(doc.path("provenance").path("gate").path("applied").asBoolean()).isTrue();

        RunDocument stored = RunDocument.of("pr-9-c1", r, r.runs().get(0));
        RunDocument read = RunDocument.parse(stored.toJson());
        assertThat(read.provenance()).isEqualTo(r.provenance());
        assertThat(read.aiGate().applied()).isTrue();
        assertThat(read.aiGate().failOn()).isEqualTo(dev.lastmile.core.model.Severity.MEDIUM);
        assertThat(read.run().findings()).isEqualTo(stored.run().findings());
        assertThat(read.failing()).hasSize(1); // the stricter threshold travels with the finding
        assertThat(Json.finding(Json.finding(r.findings().get(0)))).isEqualTo(r.findings().get(0).withFingerprintKey(null));

        JsonNode sarif = Json.parse(dev.lastmile.core.output.Sarif.write(r));
        JsonNode props = sarif.path("runs").get(0).path("results").get(0).path("properties");
        assertThat(props.path("authoredBy").asText()).isEqualTo("ai");
        assertThat(props.path("aiFailOn").asText()).isEqualTo("medium");
    }

    @Test
    void theMarkdownSummaryTagsAiAuthoredFindingsAndSaysWhoWroteTheChangeWithoutNamingPeople() {
        String md = MarkdownSummary.render(scan(oneCommit(POLICY, AI_MESSAGE), "c1"), null);
        assertThat(md).contains("🤖 **AI-authored:** 1 of 1 commit (Claude Code)").contains("AI-authored |")
                .contains("stricter gate").doesNotContain("Ada").doesNotContain("ada@example.com");
        String human = MarkdownSummary.render(scan(oneCommit(POLICY, "Plain\n"), "c1"), null);
        assertThat(human).doesNotContain("AI-authored");
    }
}
