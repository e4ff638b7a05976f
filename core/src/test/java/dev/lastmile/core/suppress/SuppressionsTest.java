package dev.lastmile.core.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SuppressionsTest {

    @Test
    void aTrailingCommentAppliesToItsOwnLine() {
        List<Suppression> s = Suppressions.parse("select 1\nselect email from x  -- lastmile:ignore SQL001 -- consented export\n");
        assertThat(s).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(2);
            assertThat(x.appliesTo()).isEqualTo(2);
            assertThat(x.rules()).containsExactly("SQL001");
            assertThat(x.reason()).isEqualTo("consented export");
            assertThat(x.wholeFile()).isFalse();
        });
    }

    @Test
    void aCommentAloneOnItsLineAppliesToTheNextCodeLine() {
        String yaml = "outputs:\n  # lastmile:ignore SEC001, SEC002 -- local emulator key, not a real credential\n\n  password: x\n";
        Suppression s = Suppressions.parse(yaml).getFirst();
        assertThat(s.line()).isEqualTo(2);
        assertThat(s.appliesTo()).isEqualTo(4);
        assertThat(s.rules()).containsExactly("SEC001", "SEC002");
        assertThat(s.reason()).isEqualTo("local emulator key, not a real credential");
    }

    @Test
    void everyCommentSyntaxWorksAndClosingDelimitersAreNotPartOfTheReason() {
        assertThat(Suppressions.parse("{# lastmile:ignore sql.pii.select_star -- legacy mart #}\nselect *").getFirst())
                .satisfies(s -> {
                    assertThat(s.rules()).containsExactly("sql.pii.select_star");
                    assertThat(s.reason()).isEqualTo("legacy mart");
                    assertThat(s.appliesTo()).isEqualTo(2);
                });
        assertThat(Suppressions.parse("/* lastmile:ignore SQL030 -- truncate is intended */").getFirst().reason())
                .isEqualTo("truncate is intended");
        assertThat(Suppressions.parse("x = run(q)  # lastmile:ignore SQL012 -- q is a constant").getFirst().reason())
                .isEqualTo("q is a constant");
    }

    @Test
    void aSuppressionWithoutAReasonIsRecognisedAsSuch() {
        Suppression s = Suppressions.parse("select * from x -- lastmile:ignore SQL001").getFirst();
        assertThat(s.rules()).containsExactly("SQL001");
        assertThat(s.hasReason()).isFalse();
        assertThat(Suppressions.parse("select 1 -- lastmile:ignore SQL001 --   ").getFirst().hasReason()).isFalse();
    }

    @Test
    void wholeFileSuppressions() {
        Suppression s = Suppressions.parse("-- lastmile:ignore-file SQL020 -- backfill model, bounded upstream\nselect 1")
                .getFirst();
        assertThat(s.wholeFile()).isTrue();
        assertThat(s.rules()).containsExactly("SQL020");
    }

    @Test
    void textWithoutTheMarkerHasNone() {
        assertThat(Suppressions.parse("select 1 -- ignore this\n# lastmile is great\n")).isEmpty();
    }

    @Property(tries = 300)
    void arbitraryTextNeverThrows(@ForAll String text) {
        Suppressions.parse(text);
        Suppressions.parse("-- lastmile:ignore " + text);
    }

    /** lastmile:allow is a suppression like any other: its reason is the text after it, and it is listed. */
    @Test
    void allowMarkersCarryTheirReason() {
        List<Suppression> s = Suppressions.parse("""
                PASSWORD = "x"  # lastmile:allow synthetic value for the loader's tests
                # lastmile:allow -- documented emulator key
                TOKEN = "y"
                KEY = "z"  // lastmile:allow
                lastmile:allowlist = true
                """);
        assertThat(s).hasSize(3);
        assertThat(s.get(0)).satisfies(a -> {
            assertThat(a.marker()).isEqualTo("lastmile:allow");
            assertThat(a.reason()).isEqualTo("synthetic value for the loader's tests");
            assertThat(a.appliesTo()).isEqualTo(1);
            assertThat(a.rules()).containsExactly(Suppression.CREDENTIALS);
        });
        assertThat(s.get(1).reason()).isEqualTo("documented emulator key");
        assertThat(s.get(1).appliesTo()).isEqualTo(3);
        assertThat(s.get(2).hasReason()).isFalse();
    }
}
