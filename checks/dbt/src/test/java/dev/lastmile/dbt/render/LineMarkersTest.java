package dev.lastmile.dbt.render;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class LineMarkersTest {

    @Property(tries = 300)
    void unmarkingAMarkedTemplateGivesItBack(@ForAll @StringLength(max = 400) String text) {
        Assume.that(text.indexOf(LineMarkers.OPEN) < 0 && text.indexOf(LineMarkers.CLOSE) < 0);
        assertThat(LineMarkers.unmark(LineMarkers.mark(text)).text()).isEqualTo(text);
    }

    @Property(tries = 300)
    void withoutJinjaEveryLineMapsToItself(@ForAll @Chars({'a', ' ', '\n', ',', '\t', '\r'}) @StringLength(max = 300) String text) {
        int[] map = LineMarkers.unmark(LineMarkers.mark(text)).lineMap();
        String[] lines = text.split("\n", -1);
        assertThat(map).hasSize(lines.length + 1);
        for (int line = 1; line <= lines.length; line++) {
            if (!lines[line - 1].isEmpty()) { // an empty last line holds nothing to point at
                assertThat(map[line]).as("line %d", line).isEqualTo(line);
            }
        }
    }

    @Test
    void linesInsideATagCarryNoMarkerAndRenderedCopiesKeepTheirSourceLine() {
        String template = "select\n{{ cols(\n  'a') }}\nfrom t";
        String marked = LineMarkers.mark(template);
        // lines 1, 2 and 4 start outside a tag; line 3 starts inside {{ .. }}
        assertThat(marked.chars().filter(c -> c == LineMarkers.OPEN).count()).isEqualTo(3);

        // what Jinja might make of it: the call's output on two lines, the marker of line 2 in front of both
        String rendered = marked.replace("{{ cols(\n  'a') }}", "a,\n  b");
        LineMarkers.Unmarked u = LineMarkers.unmark(rendered);
        assertThat(u.text()).isEqualTo("select\na,\n  b\nfrom t");
        assertThat(u.lineMap()).containsExactly(0, 1, 2, 2, 4);
    }

    @Test
    void aStrayPrivateUseCharacterInTheFileIsKept() {
        String text = "select '" + LineMarkers.OPEN + "' as x\nfrom t";
        LineMarkers.Unmarked u = LineMarkers.unmark(LineMarkers.mark(text));
        assertThat(u.lineMap()).containsExactly(0, 1, 2);
    }
}
