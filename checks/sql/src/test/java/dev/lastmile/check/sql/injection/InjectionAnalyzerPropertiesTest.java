package dev.lastmile.check.sql.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.Finding;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

/**
 * Arbitrary input never throws, never hangs, and never yields a finding outside the file: for free text and for text
 * stitched from the tokens the analyzers care about (tags, quotes, keywords, brackets), where bugs hide.
 */
class InjectionAnalyzerPropertiesTest {

    private final InjectionAnalyzer analyzer = new InjectionAnalyzer();

    @Property(tries = 300)
    void arbitraryTextNeverThrowsAsSql(@ForAll String text) {
        check("models/m.sql", text);
    }

    @Property(tries = 300)
    void arbitraryTextNeverThrowsAsPython(@ForAll String text) {
        check("scripts/s.py", text);
    }

    @Property(tries = 200)
    void yamlWithHookKeysNeverThrows(@ForAll("jinjaish") String text) {
        // past the cheap pre-filter ("hook" and "{{"), into the YAML composer and the hook templates
        check("dbt_project.yml", "models:\n  +post-hook: " + text + "\n  x: \"{{ var('a') }}\"\n");
        check("dbt_project.yml", "on-run-end:\n  - |\n    " + text.replace("\n", "\n    ") + "\n    {{ x }}\n");
    }

    @Property(tries = 400)
    void jinjaShapedTextNeverThrows(@ForAll("jinjaish") String text) {
        check("macros/m.sql", text);
    }

    @Property(tries = 400)
    void pythonShapedTextNeverThrows(@ForAll("pythonish") String text) {
        check("scripts/s.py", text);
    }

    @Property(tries = 200)
    void jinjaExpressionParserNeverThrows(@ForAll("jinjaish") String text) {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () -> JinjaExpr.parse(text, 0));
    }

    @Property(tries = 200)
    void pythonTokenizerNeverThrows(@ForAll("pythonish") String text) {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () -> PythonTokenizer.tokenize(text));
    }

    private void check(String path, String text) {
        List<Finding> findings = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> analyzer.analyze(path, text));
        int lines = text.split("\r\n|\r|\n", -1).length;
        for (Finding f : findings) {
            assertThat(f.line()).isBetween(1, Math.max(1, lines));
            // an internal failure is reported as SQL019 with this wording: it must never happen
            assertThat(f.message()).doesNotContain("analysis failed");
        }
    }

    @Provide
    Arbitrary<String> jinjaish() {
        Arbitrary<String> pieces = Arbitraries.of("{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", " ", "\n", "\r\n",
                "'", "\"", "`", "''", "\\", "--", "/*", "*/", "#", "(", ")", "[", "]", ",", "~", "|", "||", "+", "%",
                "%s", "{}", ".", "=", ":", "var('x')", "env_var(\"Y\")", "run_query(", "adapter.execute(", "ref('a')",
                "macro m(a, b=1)", "endmacro", "set s =", "set s", "endset", "for r in", "endfor", "if", "endif",
                "else", "call statement('x')", "endcall", "do", "raw", "endraw", "int", "replace(\"'\", \"''\")",
                "dbt.string_literal(", "format(", ".format(", "execute immediate", "execute", "exec", "call", "using",
                "select", "from", "where a =", "as", "concat(", "quote_ident(", "set x = ", "declare y default", ";",
                "a", "b", "1", "not in", "is number", "return(", "config(post_hook=", "$$");
        return pieces.list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> pythonish() {
        Arbitrary<String> pieces = Arbitraries.of("def f(a, b):", "\n", "\r\n", "    ", "\t", "cur", ".", "execute",
                "(", ")", "[", "]", "{", "}", ",", "=", "+=", "+", "%", "f\"", "f'", "\"", "'", "\"\"\"", "'''", "rb'",
                "fr\"", "{a}", "{{", "}}", "!r", ":>10", "\\", "#", "sql", "spark.sql(", "pd.read_sql(", "text(",
                "client.query(", ".format(", "%s", "%(a)s", "int(", "a", "b", "1", "None", "sql = ", "async def g():",
                "class C:", "lambda x: x", "\\\n", "hook.run(", "params=", "job_config=");
        return pieces.list().ofMaxSize(60).map(l -> String.join("", l));
    }
}
