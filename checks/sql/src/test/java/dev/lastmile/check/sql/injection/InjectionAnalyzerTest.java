package dev.lastmile.check.sql.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** What the YAML cases cannot say: the acceptance files verbatim, size limits, file types, cost of the pre-filter. */
class InjectionAnalyzerTest {

    private final InjectionAnalyzer analyzer = new InjectionAnalyzer();

    @Test
    void acceptanceBillingMacroIsFlaggedOnLineTwo() throws IOException {
        List<Finding> findings = analyzer.analyze("macros/archive_account.sql", resource("injection/billing/macros/archive_account.sql"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("SQL013");
            assertThat(f.category()).isEqualTo(Category.SQL_INJECTION);
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.message()).contains("account_id");
            assertThat(f.properties()).containsEntry("source", "macro_arg").containsEntry("sink", "run_query()");
        });
    }

    @Test
    void acceptanceBillingScriptFlagsTheFormattedLineAndNotTheParameterisedOne() throws IOException {
        List<Finding> findings = analyzer.analyze("scripts/backfill_invoices.py", resource("injection/billing/scripts/backfill_invoices.py"));

        assertThat(findings).extracting(Finding::line).containsExactly(13);
        assertThat(findings.get(0).ruleId()).isEqualTo("SQL012");
        assertThat(findings.get(0).category()).isEqualTo(Category.SQL_INJECTION);
    }

    @Test
    void otherFileTypesAndNonHookYamlAreIgnored() {
        // YAML is read for hooks only: a description with Jinja is documentation, not SQL
        assertThat(analyzer.analyze("models/schema.yml", "description: \"{{ var('x') }}\"")).isEmpty();
        assertThat(InjectionAnalyzer.handles("dbt_project.yml")).isTrue();
        assertThat(analyzer.analyze("README.md", "execute immediate 'a' || b")).isEmpty();
        assertThat(InjectionAnalyzer.handles("models/A.SQL")).isTrue();
        assertThat(InjectionAnalyzer.handles("dags/load.py")).isTrue();
        assertThat(InjectionAnalyzer.handles("dags/load.pyc")).isFalse();
        assertThat(InjectionAnalyzer.handles("data/customers.csv")).isFalse();
    }

    @Test
    void malformedYamlWithHooksIsReportedNotThrown() {
        List<Finding> findings = analyzer.analyze("dbt_project.yml", "models:\n  +post-hook: [\"{{ var('x') }}\"\n  bad: : :\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("SQL019");
            assertThat(f.message()).contains("hooks were not analysed");
        });
    }

    @Test
    void yamlAliasBombsAreRefusedQuickly() {
        StringBuilder yaml = new StringBuilder("a: &a [\"{{ var('x') }}\", \"post-hook\"]\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a, *a]\n");
        }
        List<Finding> findings = Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(3),
                () -> analyzer.analyze("dbt_project.yml", yaml.toString()));

        assertThat(findings).allMatch(f -> f.ruleId().equals("SQL019"));
    }

    @Test
    void aFileOverTheLimitIsReportedAsNotAnalysedInsteadOfSkippedSilently() {
        InjectionAnalyzer small = new InjectionAnalyzer(100);
        String big = "select 1 where x = {{ var('x') }}\n".repeat(10);

        List<Finding> findings = small.analyze("models/big.sql", big);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("SQL019");
            assertThat(f.category()).isEqualTo(Category.PARSE);
            assertThat(f.message()).contains("not analysed");
        });
    }

    @Test
    void crlfLineEndingsKeepTheLinesPeopleSee() {
        String sql = "select *\r\nfrom t\r\nwhere a = {{ var('a') }}\r\n";
        assertThat(analyzer.analyze("models/m.sql", sql)).extracting(Finding::line).containsExactly(3);

        String py = "def f(cur, a):\r\n    cur.execute(f\"select {a}\")\r\n";
        assertThat(analyzer.analyze("scripts/s.py", py)).extracting(Finding::line).containsExactly(2);
    }

    @Test
    void plainSqlWithoutTriggersIsNotParsedAtAll() {
        // A large plain model without Jinja, EXECUTE or CALL: one regex scan, no findings.
        String plain = "select a, b, c from analytics.orders where d > 3 -- nothing dynamic here\n".repeat(20_000);
        long start = System.nanoTime();
        assertThat(analyzer.analyze("models/plain.sql", plain)).isEmpty();
        assertThat(System.nanoTime() - start).as("nanoseconds for 1.4 MB of plain SQL").isLessThan(2_000_000_000L);
    }

    @Test
    void largeJinjaFileStaysLinear() {
        String model = "select {{ var('a') | int }} as a, '{{ var(\"b\") }}' as b from {{ ref('x') }}\n".repeat(5_000);
        long start = System.nanoTime();
        assertThat(analyzer.analyze("models/big.sql", model)).isEmpty();
        assertThat(System.nanoTime() - start).as("nanoseconds for 5,000 Jinja lines").isLessThan(3_000_000_000L);
    }

    @Test
    void findingsCarryTheRuleMetadata() {
        List<Finding> findings = analyzer.analyze("models/m.sql", "select * from t where a = {{ env_var('A') }}");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(UnquotedJinjaValueInSql.META.id());
            assertThat(f.severity()).isEqualTo(UnquotedJinjaValueInSql.META.severity());
            assertThat(f.title()).isEqualTo(UnquotedJinjaValueInSql.META.summary());
            assertThat(f.remediation()).isEqualTo(UnquotedJinjaValueInSql.META.remediation());
        });
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = InjectionAnalyzerTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
