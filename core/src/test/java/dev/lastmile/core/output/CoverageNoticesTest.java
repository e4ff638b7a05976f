package dev.lastmile.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.testing.LineMatchCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, "what users see": coverage notices (category parse) describe lastmile, not the code. The pull-request
 * summary counts them on one line per check and never lists them or fails on them; JSON and SARIF keep each one.
 */
class CoverageNoticesTest {

    /** A coverage rule graded high on purpose: even then a notice must not fail the run. */
    private static final RuleMeta NOT_PARSED = new RuleMeta("TST090", "test.parse.not_analysed", Category.PARSE,
            Severity.HIGH, "File not analysed", "Coverage.", "None.");

    /** Reports every line containing SKIPNOTICE as a coverage notice. */
    private static final class CoverageCheck extends LineMatchCheck {
        CoverageCheck() {
            super("SKIPNOTICE", NOT_PARSED);
        }
    }

    private static ScanResult scan(Check check, String... files) {
        InMemorySource src = new InMemorySource("acme/shop").revision("base");
        for (int i = 0; i < files.length; i += 2) {
            src.put("head", files[i], files[i + 1]);
        }
        return new ScanEngine().scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, 3, null,
                List.of(check), null));
    }

    @Test
    void coverageNoticesAloneNeverFailTheRunAndAreOneLineNotAList() {
        ScanResult result = scan(new CoverageCheck(), "models/a.sql", "SKIPNOTICE\nSKIPNOTICE\n", "models/b.sql", "SKIPNOTICE\nok\n");
        CheckRun run = result.runs().getFirst();
        assertThat(run.findings()).hasSize(3);
        assertThat(result.failed()).as("coverage notices never fail, even graded high").isFalse();
        assertThat(run.coverageNotices()).hasSize(3);

        String md = MarkdownSummary.render(result, "https://github.com/acme/shop/blob/abc/");
        assertThat(md).contains("✅ lastmile: nothing fails this pull request");
        assertThat(md).doesNotContain("SKIPNOTICE on line").doesNotContain("<details>");
        assertThat(md.lines().filter(l -> l.contains("Coverage of `lastmile/test`"))).singleElement()
                .satisfies(l -> assertThat(l).contains(": 3 places").contains("`TST090` ×3"));
        // the check's row counts no "other findings" for them
        assertThat(md).contains("| `lastmile/test` | 2 | 0 | 0 | 0 | ✅ passing |");

        // the list the line points to: the check run's details, and JSON/SARIF keep each notice
        String list = MarkdownSummary.coverageList(run, "https://github.com/acme/shop/blob/abc/", 10_000);
        assertThat(list).contains("(3)").contains("[`models/a.sql:2`](https://github.com/acme/shop/blob/abc/models/a.sql#L2)");
        assertThat(list.split("SKIPNOTICE on line", -1)).hasSize(4);
        JsonNode json = Json.parse(JsonReport.write(result));
        assertThat(json.path("findings")).hasSize(3);
        assertThat(Json.parse(Sarif.write(result)).path("runs").get(0).path("results")).hasSize(3);
    }

    @Test
    void aCheckWithFindingsAndNoticesListsOnlyTheFindings() {
        Check both = new Check() {
            final LineMatchCheck bad = new LineMatchCheck("BAD");
            final CoverageCheck skip = new CoverageCheck();

            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<RuleMeta> rules() {
                return List.of(LineMatchCheck.RULE, NOT_PARSED);
            }

            @Override
            public CheckResult run(ScanContext context) {
                List<Finding> out = new ArrayList<>(bad.run(context).findings());
                out.addAll(skip.run(context).findings());
                return new CheckResult(out, context.filesToScan().size());
            }
        };
        ScanResult result = scan(both, "models/a.sql", "SKIPNOTICE\nBAD here\n");
        assertThat(result.failing()).extracting(Finding::ruleId).containsExactly("TST001");
        String md = MarkdownSummary.render(result, null);
        assertThat(md).contains("1 finding fails this pull request").contains("| `lastmile/test` | 1 | 1 | 0 | 0 | ❌ failing |");
        assertThat(md).contains("Coverage of `lastmile/test`: 1 place").doesNotContain("SKIPNOTICE on line");
        // the coverage line comes after the table, before any list of findings, and is no row of one
        assertThat(md.indexOf("Coverage of")).isLessThan(md.indexOf("### Findings that fail"));
        assertThat(md.lines().filter(l -> l.startsWith("|") && l.contains("TST090"))).isEmpty();
        assertThat(MarkdownSummary.coverageLine(new CheckRun("x", "lastmile/x", List.of(), List.of(), 0, List.of(),
                java.time.Instant.EPOCH, 0))).isEmpty();
    }
}
