package dev.lastmile.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.scan.LineRanges;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class UtilTest {

    @Test
    void globs() {
        assertThat(Globs.matches("*.sql", "models/a.sql")).isTrue();
        assertThat(Globs.matches("models/*.sql", "models/a.sql")).isTrue();
        assertThat(Globs.matches("models/*.sql", "models/x/a.sql")).isFalse();
        assertThat(Globs.matches("models/**/*.sql", "models/a.sql")).isTrue();
        assertThat(Globs.matches("models/**/*.sql", "models/x/y/a.sql")).isTrue();
        assertThat(Globs.matches("target/", "target/compiled/a.sql")).isTrue();
        assertThat(Globs.matches("target/", "models/target/a.sql")).isFalse();
        assertThat(Globs.matches("{seeds,data}/**", "data/x.csv")).isTrue();
        assertThat(Globs.matches("file?.txt", "file1.txt")).isTrue();
        assertThat(Globs.matches("[ab].sql", "x/a.sql")).isTrue();
        assertThat(Globs.matches("a+b(c).sql", "a+b(c).sql")).isTrue();
    }

    @Property(tries = 300)
    void anyGlobCompilesOrIsRejectedClearly(@ForAll String glob) {
        try {
            Globs.compile(glob).matcher("models/a.sql").matches();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("invalid glob");
        }
    }

    @Test
    void malformedGlobsAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Globs.compile("{a,b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed");
        assertThat(Globs.matches("[!a].sql", "b.sql")).isTrue();
        assertThat(Globs.matches("[!a].sql", "a.sql")).isFalse();
        assertThat(Globs.matches("[a-c].sql", "b.sql")).isTrue();
    }

    @Test
    void lineRangesMergeAndAnswerOverlaps() {
        LineRanges r = LineRanges.of(List.of(new int[] {5, 7}, new int[] {1, 1}, new int[] {8, 9}, new int[] {20, 20}));
        assertThat(r.toString()).isEqualTo("1,5-9,20");
        assertThat(r.contains(6)).isTrue();
        assertThat(r.contains(10)).isFalse();
        assertThat(r.overlaps(10, 25)).isTrue();
        assertThat(LineRanges.ALL.contains(1_000_000)).isTrue();
        assertThat(LineRanges.NONE.contains(1)).isFalse();
    }

    @Test
    void textsDecodeAndSplitLikeGit() {
        assertThat(Texts.decode("a\u0000b".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Texts.decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x'})).contains("x");
        assertThat(Texts.decode(new byte[] {(byte) 0xE9, 't', 'e'})).contains("\u00e9te");
        // git ends a line at LF only: a lone CR is part of the line (issue 14: it moved a new line onto an old one)
        assertThat(Texts.lines("a\r\nb\rc\n")).containsExactly("a", "b\rc");
        assertThat(Texts.lineOf("a\rb\nc", 4)).isEqualTo(2);
        assertThat(Texts.withGitLineBreaks("a\rb\r\nc\r")).isEqualTo("a b\r\nc ");
        assertThat(Texts.lines("")).containsExactly("");
        assertThat(Texts.lineOf("a\nb\r\nc", 5)).isEqualTo(3);
    }
}
