package dev.lastmile.report;

import static dev.lastmile.report.ReportFixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.store.LocalObjectStore;
import dev.lastmile.core.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    static final String SHA1 = "1111111111111111111111111111111111111111";
    static final String SHA2 = "2222222222222222222222222222222222222222";
    static final Instant MON_WEEK1 = Instant.parse("2026-11-02T03:00:00Z");
    static final Instant WED_WEEK2 = Instant.parse("2026-11-11T03:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");

    @TempDir
    Path dir;
    ObjectStore store;
    ReportFixtures fx;

    @BeforeEach
    void setUp() {
        store = new LocalObjectStore(dir.resolve("store"));
        fx = new ReportFixtures(store);
    }

    private Report report() {
        return new ReportGenerator(4).build(store, NOW);
    }

    @Test
    void openIsTheNewestFullScanAndTheTrendCountsNewAndFixedPerWeek() {
        fx.full("acme/shop", SHA1, MON_WEEK1,
                finding("a", Severity.HIGH, FindingStatus.EXISTING, "m/a.sql", 1),
                finding("b", Severity.LOW, FindingStatus.EXISTING, "m/b.sql", 2),
                finding("s", Severity.CRITICAL, FindingStatus.SUPPRESSED, "m/s.sql", 3));
        fx.full("acme/shop", SHA2, WED_WEEK2,
                finding("a", Severity.HIGH, FindingStatus.EXISTING, "m/a.sql", 5),
                finding("c", Severity.CRITICAL, FindingStatus.EXISTING, "m/c.sql", 1));
        Report r = report();
        assertThat(r.open()).extracting(Report.OpenFinding::fingerprint).containsExactly("c", "a");
        assertThat(r.open().getFirst().head()).isEqualTo(SHA2);
        assertThat(r.weeks()).containsExactly(
                new Report.Week(LocalDate.of(2026, 11, 2), 2, 0),
                new Report.Week(LocalDate.of(2026, 11, 9), 1, 1));
        assertThat(r.repositories()).singleElement().satisfies(s -> {
            assertThat(s.open()).isEqualTo(2);
            assertThat(s.openBySeverity()).containsEntry("critical", 1).containsEntry("high", 1);
            assertThat(s.lastFullScan()).isEqualTo(WED_WEEK2);
        });
        assertThat(r.topRules()).singleElement().extracting(Report.RuleCount::open).isEqualTo(2);
        assertThat(r.runsRead()).isEqualTo(2);
    }

    /** Issue 16: coverage notices are a line per check under the list, not rows of it or top rules; the CSV lists them. */
    @Test
    void coverageNoticesAreOneLinePerCheckNotRowsOrTopRules() {
        java.util.List<dev.lastmile.core.model.Finding> fs = new java.util.ArrayList<>();
        fs.add(finding("a", Severity.HIGH, FindingStatus.EXISTING, "m/a.sql", 1));
        for (int i = 0; i < 3; i++) {
            fs.add(new dev.lastmile.core.model.Finding("SQL091", dev.lastmile.core.model.Category.PARSE, Severity.INFO,
                    "SQL file not analysed", "UNPARSEDNOTE " + i, "m/u" + i + ".sql", dev.lastmile.core.model.Region.line(1),
                    "", "sql", FindingStatus.EXISTING, "u" + i, null, java.util.Map.of()));
        }
        fx.full("acme/shop", SHA1, MON_WEEK1, fs.toArray(dev.lastmile.core.model.Finding[]::new));
        Report r = report();
        assertThat(r.findingsOnly()).extracting(Report.OpenFinding::fingerprint).containsExactly("a");
        assertThat(r.coverageByCheck()).containsExactly(java.util.Map.entry("sql", 3));
        String html = HtmlReport.render(r);
        assertThat(html).doesNotContain("UNPARSEDNOTE").doesNotContain("<code>SQL091</code>")
                .contains("Coverage of <code>sql</code>: 3 places");
        assertThat(ReportFiles.findingsCsv(r)).contains("UNPARSEDNOTE 0").contains("UNPARSEDNOTE 2");
    }

    @Test
    void aPullRequestMergedAfterTheLastFullScanAddsItsNewFindings() {
        fx.full("acme/shop", SHA1, MON_WEEK1, finding("a", Severity.HIGH, FindingStatus.EXISTING, "m/a.sql", 1));
        fx.pullRequest("acme/shop", 7, SHA2, WED_WEEK2,
                finding("p-new", Severity.HIGH, FindingStatus.NEW, "m/p.sql", 1),
                finding("a", Severity.HIGH, FindingStatus.EXISTING, "m/a.sql", 1));
        fx.pullRequest("acme/shop", 8, SHA2, WED_WEEK2, finding("unmerged", Severity.HIGH, FindingStatus.NEW, "m/u.sql", 1));
        fx.pullRequest("acme/shop", 6, SHA2, MON_WEEK1.minusSeconds(3600), finding("old", Severity.HIGH, FindingStatus.NEW, "m/o.sql", 1));
        fx.merged("acme/shop", 7, WED_WEEK2.plusSeconds(60));
        fx.merged("acme/shop", 6, MON_WEEK1.minusSeconds(60));
        Report r = report();
        assertThat(r.open()).extracting(Report.OpenFinding::fingerprint).containsExactlyInAnyOrder("a", "p-new");
        assertThat(r.open()).filteredOn(f -> f.fingerprint().equals("p-new")).singleElement()
                .extracting(Report.OpenFinding::source).isEqualTo("pull request #7");
    }

    @Test
    void aRepositoryWithoutAFullScanIsNamedInTheNotes() {
        fx.pullRequest("acme/new", 1, SHA1, MON_WEEK1, finding("x", Severity.HIGH, FindingStatus.NEW, "a.sql", 1));
        fx.merged("acme/new", 1, WED_WEEK2);
        store.put("runs/acme/broken/j/sql.json", "{not json".getBytes(StandardCharsets.UTF_8), "application/json");
        Report r = report();
        assertThat(r.open()).extracting(Report.OpenFinding::fingerprint).containsExactly("x");
        assertThat(r.notes()).anyMatch(n -> n.startsWith("acme/new has no full scan yet"))
                .anyMatch(n -> n.startsWith("unreadable: runs/acme/broken/j/sql.json"));
    }

    @Test
    void theFilesAreWrittenToAFolderAndUnderDateAndLatestInTheStore() throws Exception {
        fx.full("acme/shop", SHA1, MON_WEEK1, finding("a", Severity.HIGH, FindingStatus.EXISTING, "m/a b.sql", 4));
        Report r = report();
        ReportGenerator.writeTo(dir.resolve("out"), r);
        assertThat(dir.resolve("out")).isDirectoryContaining("glob:**/index.html").isDirectoryContaining("glob:**/findings.csv");
        List<String> keys = ReportGenerator.writeTo(store, r);
        assertThat(keys).contains("reports/2026-11-20/index.html", "reports/latest/summary.json", "reports/latest/findings.csv");

        JsonNode summary = Json.parse(new String(store.get("reports/latest/summary.json").orElseThrow(), StandardCharsets.UTF_8));
        assertThat(summary.path("open").path("total").asInt()).isEqualTo(1);
        assertThat(summary.path("open").path("high").asInt()).isEqualTo(1);
        assertThat(summary.path("repositories").get(0).path("repository").asText()).isEqualTo("acme/shop");

        String csv = new String(store.get("reports/latest/findings.csv").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv).contains("https://github.com/acme/shop/blob/" + SHA1 + "/m/a%20b.sql#L4");
    }

    @Test
    void openFindingsOverTimeAndTheirAgeSinceFirstSeenAreChartedWithLabelledAxes() {
        Instant longAgo = Instant.parse("2026-07-06T03:00:00Z");
        fx.full("acme/shop", SHA1, longAgo, finding("old", Severity.HIGH, FindingStatus.EXISTING, "m/a.sql", 1));
        fx.full("acme/shop", SHA2, MON_WEEK1,
                finding("old", Severity.HIGH, FindingStatus.EXISTING, "m/a.sql", 3),
                finding("b", Severity.LOW, FindingStatus.EXISTING, "m/b.sql", 2));
        fx.full("acme/shop", "3".repeat(40), WED_WEEK2,
                finding("old", Severity.HIGH, FindingStatus.EXISTING, "m/a.sql", 3),
                finding("c", Severity.LOW, FindingStatus.EXISTING, "m/c.sql", 2));
        Report r = report();
        // 1 open in July; +1 in week 1 (b); week 2: c new, b fixed
        assertThat(r.openAtEndOfWeek()).containsExactly(1, 2, 2);
        assertThat(r.open()).filteredOn(f -> f.fingerprint().equals("old")).singleElement()
                .satisfies(f -> assertThat(f.firstSeen()).isEqualTo(longAgo));
        assertThat(r.ageBySeverity().get("high")).containsExactly(0, 0, 0, 1, 0);   // July to November: 3-12 months
        assertThat(r.ageBySeverity().get("low")).containsExactly(0, 1, 0, 0, 0);    // c, first seen 9 days before
        String html = ReportGenerator.files(r).get("index.html");
        assertThat(html).contains("Open findings over time", "class=\"open-line\"", "Age of open findings", "class=\"age-bar\"")
                .contains(">Week starting (Monday, UTC)</text>", ">Open findings</text>", ">Open for (since first seen)</text>",
                        ">Findings</text>");
        assertThat(ReportGenerator.files(r).get("findings.csv")).contains(longAgo.toString());
    }

    @Test
    void theHtmlIsSelfContainedEscapedAndLinksToGitHub() {
        fx.full("acme/shop", SHA1, MON_WEEK1, finding("a", Severity.HIGH, FindingStatus.EXISTING, "m/a.sql", 4));
        String html = ReportGenerator.files(report()).get("index.html");
        assertThat(html).contains("<svg", "class=\"bar-new\"", "By repository", "Top rules")
                .contains("href=\"https://github.com/acme/shop/blob/" + SHA1 + "/m/a.sql#L4\"")
                .contains("email reaches the mart &lt;b&gt;")
                .doesNotContain("<script", "http://", "<link", "<img");
        assertThat(html).containsPattern("@media print");
    }

    @Test
    void csvQuotesAndDefusesFormulas() {
        assertThat(ReportFiles.csv("plain")).isEqualTo("plain");
        assertThat(ReportFiles.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportFiles.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportFiles.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(ReportFiles.csv("line\nbreak")).isEqualTo("\"line\nbreak\"");
    }

    @Test
    void anEmptyStoreGivesAnEmptyButValidReport() {
        Report r = report();
        assertThat(r.open()).isEmpty();
        assertThat(ReportGenerator.files(r).get("index.html")).contains("No full scans yet");
    }

    @Test
    void openFindingsAreGroupedByTheirCodeOwnersWithLabelledAxes() {
        fx.full("acme/shop", SHA1, MON_WEEK1,
                finding("a", Severity.HIGH, FindingStatus.EXISTING, "models/finance/a.sql", 1),
                finding("b", Severity.LOW, FindingStatus.EXISTING, "models/staging/b.sql", 2),
                finding("c", Severity.CRITICAL, FindingStatus.EXISTING, "scripts/c.py", 3));
        fx.full("acme/other", SHA1, MON_WEEK1, finding("d", Severity.MEDIUM, FindingStatus.EXISTING, "x.sql", 1));
        CodeOwners co = CodeOwners.parse("* @acme/platform\n/models/finance/ @acme/finance @carol\nscripts/\n");
        Report r = new ReportGenerator(4).build(store, NOW,
                repo -> repo.equals("acme/shop") ? java.util.Optional.of(co) : java.util.Optional.empty());
        assertThat(r.byOwner()).containsEntry("@acme/finance", java.util.Map.of("high", 1))
                .containsEntry("@carol", java.util.Map.of("high", 1))
                .containsEntry("@acme/platform", java.util.Map.of("low", 1))
                .containsEntry(Report.UNOWNED, java.util.Map.of("critical", 1))
                .containsEntry(Report.NO_CODEOWNERS, java.util.Map.of("medium", 1));
        var files = ReportGenerator.files(r);
        String html = files.get("index.html");
        assertThat(html).contains("By owner (CODEOWNERS)").contains(">open findings</text>").contains(">owner</text>")
                .contains("@acme/finance: 1 high");
        assertThat(files.get("owners.csv").lines().toList()).as("a leading @ is defused for spreadsheets").contains("'@acme/finance,1,0,1,0,0,0", "(unowned),1,1,0,0,0,0");
        assertThat(Json.parse(files.get("summary.json")).path("openByOwner").path("@carol").path("high").asInt()).isEqualTo(1);
        assertThat(report().byOwner()).as("without CODEOWNERS every finding is under one heading")
                .containsOnlyKeys(Report.NO_CODEOWNERS);
    }

    @Test
    void aiAssistedChangesAreSetBesidePeoplesFromTheAuditTrail() {
        dev.lastmile.core.store.AuditTrail trail = new dev.lastmile.core.store.AuditTrail(store);
        dev.lastmile.core.provenance.Provenance ai = dev.lastmile.core.provenance.Provenance.of(List.of(
                new dev.lastmile.core.provenance.CommitProvenance(SHA1, true, List.of(new dev.lastmile.core.provenance.Evidence(
                        dev.lastmile.core.provenance.Evidence.Kind.TRAILER, "Claude Code", "Co-authored-by: Claude")))));
        dev.lastmile.core.provenance.Provenance person = dev.lastmile.core.provenance.Provenance.of(List.of(
                new dev.lastmile.core.provenance.CommitProvenance(SHA2, false, List.of())));
        var open = new dev.lastmile.core.store.AuditRecord.FindingEntry("f1", "SQL001", "medium", "new", "sql", "a.sql", 1,
                dev.lastmile.core.provenance.AuthoredBy.AI);
        var silenced = new dev.lastmile.core.store.AuditRecord.FindingEntry("f2", "SQL002", "high", "suppressed", "sql", "a.sql", 2,
                dev.lastmile.core.provenance.AuthoredBy.AI);
        // PR 1: AI, checked then merged with an open finding; PR 2: AI, still open; PR 3: a person's, merged clean
        trail.append(record(1, MON_WEEK1, dev.lastmile.core.store.AuditRecord.Event.CHECKS_COMPLETED, ai, List.of(open, silenced), null));
        trail.append(record(1, WED_WEEK2, dev.lastmile.core.store.AuditRecord.Event.MERGED, ai, List.of(open, silenced),
                new dev.lastmile.core.store.AuditRecord.Merge(SHA2, WED_WEEK2, "main")));
        trail.append(record(2, WED_WEEK2, dev.lastmile.core.store.AuditRecord.Event.CHECKS_COMPLETED, ai, List.of(silenced), null));
        trail.append(record(3, WED_WEEK2, dev.lastmile.core.store.AuditRecord.Event.MERGED, person, List.of(),
                new dev.lastmile.core.store.AuditRecord.Merge(SHA1, WED_WEEK2, "main")));

        AiChanges changes = report().aiChanges();
        assertThat(changes.ai()).isEqualTo(new AiChanges.Side(2, 3, 1, 2));
        assertThat(changes.human()).isEqualTo(new AiChanges.Side(1, 0, 0, 0));
        assertThat(changes.aiShare()).isEqualTo(2.0 / 3);
        assertThat(changes.mergedWithOpen()).singleElement().satisfies(m -> {
            assertThat(m.pullRequest()).isEqualTo(1);
            assertThat(m.mergeCommit()).isEqualTo(SHA2);
            assertThat(m.openFindings()).isEqualTo(1);
            assertThat(m.highestSeverity()).isEqualTo("medium");
        });
        var files = ReportGenerator.files(report());
        assertThat(files.get("index.html")).contains("AI-assisted changes").contains("2 of 3 pull requests (67 %)");
        assertThat(files.get("ai-changes.csv").lines().toList()).hasSize(2).last().asString().startsWith("acme/shop,1," + SHA2);
        assertThat(Json.parse(files.get("summary.json")).path("aiChanges").path("ai").path("suppressionRate").asDouble())
                .isEqualTo(2.0 / 3);
    }

    private static dev.lastmile.core.store.AuditRecord record(int pr, Instant at, dev.lastmile.core.store.AuditRecord.Event event,
                                                              dev.lastmile.core.provenance.Provenance provenance,
                                                              List<dev.lastmile.core.store.AuditRecord.FindingEntry> findings,
                                                              dev.lastmile.core.store.AuditRecord.Merge merge) {
        return new dev.lastmile.core.store.AuditRecord("acme/shop", pr, event, "e" + pr, at, SHA1, SHA2, provenance, null,
                null, null, List.of(), findings, List.of(), null, merge);
    }
}
