package dev.lastmile.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.testing.LineMatchCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GitHub code scanning's ingestion limits and rule metadata, kept by the SARIF writer itself. */
class SarifLimitsTest {

    private static ScanResult fullScanOf(String text) {
        return new ScanEngine().scan(new ScanEngine.Request(new InMemorySource("o/r").put("head", "big.sql", text),
                null, "head", ScanMode.FULL, null, null, List.of(new LineMatchCheck("BAD")), null));
    }

    private static String lines(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("BAD ").append(i).append('\n');
        }
        return b.toString();
    }

    @Test
    void aRunKeepsAtMostGitHubsResultsPerRunAndSaysHowManyItLeftOut() throws Exception {
        int n = Sarif.MAX_RESULTS_PER_RUN + 7;
        JsonNode run = Json.parse(Sarif.write(fullScanOf(lines(n)))).path("runs").get(0);
        assertThat(run.path("results").size()).isEqualTo(Sarif.MAX_RESULTS_PER_RUN);
        assertThat(run.path("invocations").get(0).path("toolExecutionNotifications").get(0).path("message").path("text").asText())
                .startsWith("7 of " + n + " results left out").contains("25000 results per run");
    }

    @Test
    void aDocumentOverTheCompressedSizeLimitDropsResultsUntilItFitsAndStaysValid() throws Exception {
        List<CheckRun> runs = fullScanOf(lines(2000)).runs();
        String whole = Sarif.withinLimits(runs, Sarif.MAX_RESULTS_PER_RUN, Integer.MAX_VALUE);
        int limit = Sarif.gzippedSize(whole) / 3;
        String cut = Sarif.withinLimits(runs, Sarif.MAX_RESULTS_PER_RUN, limit);
        assertThat(Sarif.gzippedSize(cut)).isLessThanOrEqualTo(limit);
        JsonNode run = Json.parse(cut).path("runs").get(0);
        assertThat(run.path("results").size()).isBetween(1, 1999);
        assertThat(run.toString()).contains("upload size limit");
        assertThat(OutputsTest.sarifSchema().validate(Json.parse(cut))).isEmpty();
    }

    @Test
    void rulesCarryDistinctTagsAHelpUriAndASecuritySeverityOnlyWhenTheyAreSecurityRules() {
        RuleMeta residency = new RuleMeta("RES001", "residency.x.y", Category.RESIDENCY, Severity.HIGH, "s", "r", "f");
        RuleMeta hygiene = new RuleMeta("SQL030", "sql.x.y", Category.SQL_HYGIENE, Severity.MEDIUM, "s", "r", "f");
        // the check's name equal to the category's id used to repeat a tag, which the schema forbids
        assertThat(Sarif.tags(residency, "residency")).containsExactly("security", "residency");
        assertThat(Sarif.tags(hygiene, "sql")).containsExactly("sql-hygiene", "sql");
        assertThat(Sarif.isSecurity(residency)).isTrue();
        assertThat(Sarif.isSecurity(hygiene)).isFalse();
        assertThat(Sarif.helpUri(residency)).isEqualTo(Sarif.RULES_URI + "RES001.md");
    }

    @Test
    void theRunCategoryIsStableAcrossRuns() {
        String a = Json.parse(Sarif.write(fullScanOf("BAD\n"))).path("runs").get(0).path("automationDetails").path("id").asText();
        String b = Json.parse(Sarif.write(fullScanOf("BAD\nBAD\n"))).path("runs").get(0).path("automationDetails").path("id").asText();
        assertThat(a).isEqualTo(b).isEqualTo("lastmile/test/");
    }
}
