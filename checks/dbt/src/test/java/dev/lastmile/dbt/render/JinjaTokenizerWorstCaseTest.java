package dev.lastmile.dbt.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The tokeniser and the fallback stripper are linear: on the worst inputs a generator can build from the pieces that
 * make Jinja scanning backtrack (unclosed tags, unbalanced quotes, closers inside strings, raw blocks), the work
 * ({@link JinjaTokenizer#charsExamined()}) stays within a fixed multiple of the input's length. The old regex
 * stripper took minutes on a few hundred kB of such text.
 */
class JinjaTokenizerWorstCaseTest {

    /** Work allowed per input character: the tag scan, the plain closer look-up and the string budget. */
    private static final int FACTOR = 4 + JinjaTokenizer.STRING_BUDGET_FACTOR;

    private static final List<String> PIECES = List.of("{{", "{%", "{#", "}}", "%}", "#}", "'", "\"", "\\", " ", "\n",
            "ref('", "source('a', '", "')", "x", "{% raw %}", "{% endraw %}", "{%- set a, b = f() -%}", "{");

    @Provide
    Arbitrary<String> adversarial() {
        Arbitrary<String> piece = Arbitraries.of(PIECES);
        // a short pattern repeated many times: what makes a quadratic scan show
        return piece.list().ofMinSize(1).ofMaxSize(8).flatMap(pattern -> Arbitraries.integers().between(1, 4000)
                .map(times -> String.join("", pattern).repeat(times)));
    }

    @Property(tries = 200)
    void workIsLinearInTheInput(@ForAll("adversarial") String src) {
        JinjaTokenizer t = JinjaTokenizer.split(src);
        assertThat(t.charsExamined()).isLessThanOrEqualTo((long) FACTOR * src.length() + 4096);
    }

    @Property(tries = 200)
    void theFallbackKeepsEveryLine(@ForAll("adversarial") String src) {
        String out = JinjaFallback.strip(src, new RenderSession("m", false));
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(src.chars().filter(c -> c == '\n').count());
    }

    @Test
    void unbalancedQuotesInEveryTagOfAFewHundredKilobytes() {
        // every tag opens a string its own closer does not end; as in Jinja, the string runs on to the next quote,
        // so each tag takes in the next line: 15,000 tags, each read once
        String src = "{{ ' }} select 1\n".repeat(30_000);
        JinjaTokenizer t = JinjaTokenizer.split(src);
        assertThat(t.charsExamined()).isLessThanOrEqualTo((long) FACTOR * src.length() + 4096);
        assertThat(t.segments().stream().filter(s -> s.kind() == JinjaTokenizer.Kind.EXPR)).hasSize(15_000);
        String out = JinjaFallback.strip(src, new RenderSession("m", false));
        assertThat(out).startsWith("__lm_expr\n select 1\n__lm_expr\n");
    }

    @Test
    void unclosedTagsEndTheFileOnce() {
        String src = "select {{ x \n".repeat(40_000);
        JinjaTokenizer t = JinjaTokenizer.split(src);
        assertThat(t.problems()).hasSize(1);
        assertThat(t.charsExamined()).isLessThanOrEqualTo((long) FACTOR * src.length() + 4096);
        // the stripper keeps what it cannot read as it is
        assertThat(JinjaFallback.strip(src, new RenderSession("m", false))).isEqualTo(src);
    }

    @Test
    void nearMissAWellFormedModelIsReadExactly() {
        String src = "select {{ \"}}\" }} as a, {{ ref('orders') }} {# c #}\nfrom {{ source('s', 't') }}";
        RenderSession s = new RenderSession("m", false);
        String out = JinjaFallback.strip(src, s);
        assertThat(out).isEqualTo("select __lm_expr as a, " + dev.lastmile.dbt.model.Placeholders.ref("orders")
                + " \nfrom " + dev.lastmile.dbt.model.Placeholders.source("s", "t"));
        assertThat(s.refs).containsExactly("orders");
        assertThat(s.sources).containsExactly("s.t");
    }
}
