package dev.lastmile.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.LineRanges;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One analysis per file per revision per scan, shared by every check, computed when first asked for. */
class DbtScanTest {

    private static InMemorySource source(String baseMacro, String headMacro) {
        InMemorySource s = new InMemorySource("acme/shop");
        for (String rev : List.of("base", "head")) {
            s.revision(rev);
            s.put(rev, "dbt_project.yml", "name: shop\n");
            s.put(rev, "macros/cents.sql", rev.equals("base") ? baseMacro : headMacro);
            s.put(rev, "models/orders.sql", "select {{ cents('amount') }} as amount from {{ ref('stg_orders') }}\n");
            s.put(rev, "models/stg_orders.sql", rev.equals("base") ? "select 1 as amount\n" : "select 2 as amount\n");
        }
        return s;
    }

    private static ScanContext context(InMemorySource s, List<String> changed) {
        return ScanContext.builder().source(s).base("base").head("head").mode(ScanMode.PULL_REQUEST)
                .changedFiles(changed.stream().map(p -> new ChangedFile(p, ChangedFile.Kind.MODIFIED, p, LineRanges.single(1, 1))).toList())
                .build();
    }

    private static final String MACRO = "{% macro cents(c) %}{{ c }} * 100{% endmacro %}";

    @Test
    void everyCheckGetsTheSameProjectAndTheSameAnalysisOfAFile() {
        ScanContext ctx = context(source(MACRO, MACRO), List.of("models/stg_orders.sql"));
        DbtScan.Revision head = DbtScan.head(ctx);
        assertThat(DbtScan.head(ctx)).isSameAs(head);
        FileAnalysis a = head.analyzer().analyze("models/orders.sql").orElseThrow();
        assertThat(DbtScan.head(ctx).analyzer().analyze("models/orders.sql").orElseThrow()).isSameAs(a);
        // parsing waits for a check that asks for statements; lineage is kept with the analysis
        assertThat(a.isParsed()).isFalse();
        var q = a.modelQuery().orElseThrow();
        assertThat(a.isParsed()).isTrue();
        assertThat(a.lineage(q)).isSameAs(a.lineage(q));
    }

    @Test
    void theBaseRevisionReusesHeadsAnalysisOfFilesTheChangeDidNotTouch() {
        ScanContext ctx = context(source(MACRO, MACRO), List.of("models/stg_orders.sql"));
        FileAnalysis headOrders = DbtScan.head(ctx).analyzer().analyze("models/orders.sql").orElseThrow();
        DbtAnalyzer base = DbtScan.base(ctx).analyzer();
        assertThat(base.analyze("models/orders.sql").orElseThrow()).isSameAs(headOrders);
        // the changed file is rendered at base from base's text
        assertThat(base.analyze("models/stg_orders.sql").orElseThrow().rendered().sql()).contains("select 1");
        assertThat(DbtScan.head(ctx).analyzer().analyze("models/stg_orders.sql").orElseThrow().rendered().sql()).contains("select 2");
    }

    @Test
    void aChangedMacroMakesTheBaseRenderEveryFileItself() {
        ScanContext ctx = context(source("{% macro cents(c) %}{{ c }} * 10{% endmacro %}", MACRO), List.of("macros/cents.sql"));
        FileAnalysis headOrders = DbtScan.head(ctx).analyzer().analyze("models/orders.sql").orElseThrow();
        FileAnalysis baseOrders = DbtScan.base(ctx).analyzer().analyze("models/orders.sql").orElseThrow();
        assertThat(baseOrders).isNotSameAs(headOrders);
        assertThat(baseOrders.rendered().sql()).contains("* 10").doesNotContain("* 100");
        assertThat(headOrders.rendered().sql()).contains("* 100");
    }
}
