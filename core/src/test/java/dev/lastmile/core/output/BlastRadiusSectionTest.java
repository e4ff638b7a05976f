package dev.lastmile.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.scan.ScanMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's blast-radius section: present only for new findings that name dependents, bounded, graph when small. */
class BlastRadiusSectionTest {

    private static final RuleMeta RULE = new RuleMeta("IMP001", "impact.breaking.column_used_downstream", Category.IMPACT,
            Severity.HIGH, "A column is removed", "r", "f");

    private static Finding breaking(String edges, FindingStatus status) {
        return Finding.of(RULE, "models/staging/stg_orders.sql", Region.line(4), "`amount` renamed")
                .withStatus(status)
                .withProperty(BlastRadiusSection.CHANGED, "stg_orders.amount")
                .withProperty(BlastRadiusSection.DEPENDENTS, "fct_daily_revenue")
                .withProperty(BlastRadiusSection.EXPOSURES, "finance_dashboard")
                .withProperty(BlastRadiusSection.EDGES, edges);
    }

    private static String summary(List<Finding> findings) {
        CheckRun run = new CheckRun("impact", "lastmile/impact", List.of(RULE), findings, 3, List.of(), Instant.EPOCH, 1);
        return MarkdownSummary.render(new MarkdownSummary.Input(List.of(run), Severity.HIGH, ScanMode.PULL_REQUEST,
                ".lastmile.yml", false, null, 0));
    }

    @Test
    void aBreakingChangeGetsItsRowAndAMermaidGraph() {
        String md = summary(List.of(breaking("stg_orders.amount>fct_daily_revenue,fct_daily_revenue>exposure:finance_dashboard",
                FindingStatus.NEW)));
        assertThat(md).contains("### Blast radius")
                .contains("| `stg_orders.amount` (IMP001) | `models/staging/stg_orders.sql:4` | 1: fct\\_daily\\_revenue | finance\\_dashboard |")
                .contains("```mermaid\ngraph LR\n  n0[\"stg_orders.amount\"]\n  n1[\"fct_daily_revenue\"]\n  n0 --> n1\n"
                        + "  n2([\"finance_dashboard\"])\n  n1 --> n2\n```");
    }

    @Test
    void existingFindingsAndOtherFamiliesGetNoSection() {
        assertThat(summary(List.of(breaking("a>b", FindingStatus.EXISTING)))).doesNotContain("Blast radius");
        Finding plain = Finding.of(RULE, "a.sql", Region.line(1), "m").withStatus(FindingStatus.NEW);
        assertThat(summary(List.of(plain))).doesNotContain("Blast radius");
    }

    @Test
    void aLargeBlastRadiusIsListedNotDrawnAndNamesThatCannotBeLabelsAreDropped() {
        List<String> edges = new ArrayList<>();
        for (int i = 0; i <= BlastRadiusSection.MAX_EDGES; i++) {
            edges.add("stg_orders.amount>m" + i);
        }
        assertThat(summary(List.of(breaking(String.join(",", edges), FindingStatus.NEW)))).contains("### Blast radius")
                .doesNotContain("mermaid");
        assertThat(summary(List.of(breaking("a\"]-->x>b", FindingStatus.NEW)))).doesNotContain("mermaid");
    }
}
