package dev.lastmile.check.sql.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.Finding;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Adversarial shapes that once made the analysis quadratic (regexes anchored at the end of a buffer, backward scans
 * over every statement, unbounded bracket matching). Each must finish quickly and end in findings or a SQL019 note.
 */
class InjectionAnalyzerLimitsTest {

    private final InjectionAnalyzer analyzer = new InjectionAnalyzer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', textBlock = """
            unclosed expressions      § m.sql § {{ (                                   § 25000
            values in one set block   § m.sql § {% set s %}select 1 where a = {{ var('x') }}{% endset %}{% do run_query(s) %}\\n § 2500
            unclosed execute          § m.sql § execute immediate (                    § 25000
            many concatenated execute § m.sql § execute immediate 'a' || x || 'b';\\n § 10000
            unclosed call             § m.sql § call p(                                § 25000
            unclosed f-string calls   § s.py  § cur.execute(f"{                        § 15000
            formatted calls           § s.py  § cur.execute(f"select {a}")\\n         § 15000
            followed variables        § s.py  § sql = 'x' + a\\ncur.execute(sql)\\n  § 10000
            open parentheses          § s.py  § (                                      § 25000
            """)
    void adversarialInputStaysFastAndBounded(String shape, String path, String unit, int times) {
        String text = unit.replace("\\n", "\n").repeat(times);

        List<Finding> findings = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> analyzer.analyze(path, text), shape);

        assertThat(findings.size()).as(shape).isLessThanOrEqualTo(InjectionAnalyzer.MAX_FINDINGS_PER_FILE + 1);
        assertThat(findings).as(shape).noneMatch(f -> f.message().contains("analysis failed"));
    }
}
