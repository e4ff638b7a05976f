package dev.lastmile.check.sql.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.testing.Adversarial;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The injection analyzers' readers (Jinja SQL, Python, dbt YAML hooks) on adversarial text (issue 14): deep nesting,
 * megabyte lines, invalid UTF-8 as lastmile reads it, unclosed strings and blocks. Each file ends in findings (an
 * unanalysable file is one) within a hang-detecting bound, never an exception.
 */
class InjectionFuzzProperties {

    private static final Duration BOUND = Duration.ofSeconds(60); // a hang detector: hangs take hours; loaded CI takes seconds
    private static final List<String> PIECES = List.of("{{ ", " }}", "{% ", " %}", "run_query(", "execute(", "f\"select {",
            "}\"", "\"select \" + ", "% (", ".format(", "cursor.execute(", "var('x')", "env_var('X')", "| replace(",
            "adapter.quote(", "{% call statement('s', fetch_result=True) %}", "{% endcall %}", "pre_hook: \"", "post-hook:",
            "    - \"grant {{ var('x') }}\"\n", "def f(x):\n", "    ", "'''", "\"\"\"", "'", "\"", "(", ")", "[", "]", "#", "--",
            "select * from ", " where id = ", "{% macro m(a) %}", "{% endmacro %}", "{% set q %}", "{% endset %}");

    record Case(String path, String text) {
        @Override
        public String toString() {
            return path + ": " + Adversarial.describe(text);
        }
    }

    @Provide
    Arbitrary<Case> files() {
        return Arbitraries.of("models/m.sql", "macros/m.sql", "scripts/load.py", "models/schema.yml", "dbt_project.yml")
                .flatMap(p -> Adversarial.text(PIECES).map(t -> new Case(p, t)));
    }

    @Property(tries = 80)
    void everyReaderEndsWithFindings(@ForAll("files") Case c) {
        List<Finding> found = Adversarial.bounded(BOUND, "InjectionAnalyzer.analyze " + c.path(), c.text(), Set.of(),
                () -> new InjectionAnalyzer().analyze(c.path(), c.text()));
        assertThat(found).isNotNull().allSatisfy(f -> assertThat(f.line()).isPositive());
    }
}
