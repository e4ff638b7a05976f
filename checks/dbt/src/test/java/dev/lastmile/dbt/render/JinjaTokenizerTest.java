package dev.lastmile.dbt.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.render.JinjaTokenizer.Kind;
import dev.lastmile.dbt.render.JinjaTokenizer.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class JinjaTokenizerTest {

    @Test
    void splitsTextAndTagsKeepingFileOffsets() {
        String src = "select {{ a }} from {%- if x -%} t {%- endif %}{# note #}";
        List<Segment> s = JinjaTokenizer.split(src).segments();

        assertThat(s).extracting(Segment::kind).containsExactly(Kind.TEXT, Kind.EXPR, Kind.TEXT, Kind.STMT, Kind.TEXT,
                Kind.STMT, Kind.COMMENT);
        assertThat(s.get(1).content()).isEqualTo(" a ");
        assertThat(src.substring(s.get(1).contentStart())).startsWith(" a }}");
        assertThat(s.get(3).content()).isEqualTo(" if x ");
        assertThat(s.get(5).content()).isEqualTo(" endif ");
    }

    @Test
    void aClosingMarkerInsideATagStringDoesNotEndTheTag() {
        List<Segment> s = JinjaTokenizer.split("{{ \"}}\" ~ '%}' }} tail").segments();

        assertThat(s).extracting(Segment::kind).containsExactly(Kind.EXPR, Kind.TEXT);
        assertThat(s.get(0).content()).isEqualTo(" \"}}\" ~ '%}' ");
    }

    @Test
    void rawBlocksStayText() {
        List<Segment> s = JinjaTokenizer.split("{% raw %}{{ var('x') }}{% endraw %}").segments();

        assertThat(s).extracting(Segment::kind).containsExactly(Kind.STMT, Kind.TEXT, Kind.STMT);
        assertThat(s.get(1).content()).isEqualTo("{{ var('x') }}");
    }

    @Test
    void anUnterminatedTagIsReportedWithItsOffset() {
        JinjaTokenizer result = JinjaTokenizer.split("select 1\n{{ var('x')");

        assertThat(result.problems()).containsExactly("9:unterminated Jinja {{ tag");
    }

    @Test
    void braceCharactersThatAreNotTagsAreText() {
        List<Segment> s = JinjaTokenizer.split("select '{' as a, '}' as b, { as c").segments();

        assertThat(s).extracting(Segment::kind).containsExactly(Kind.TEXT);
    }
}
