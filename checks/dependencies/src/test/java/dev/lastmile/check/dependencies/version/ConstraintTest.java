package dev.lastmile.check.dependencies.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConstraintTest {

    private static final List<String> RELEASES = List.of("0.9.0", "1.0.0", "1.4.2", "1.4.9", "1.5.0", "1.9.9",
            "2.0.0rc1", "2.0.0", "2.25.1", "2.31.0", "2.32.3", "3.0.0-beta.1", "3.0.0");

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " | ", value = {
            ">=2 | 3.0.0",
            ">=2.25,<3 | 2.32.3",
            ">= 2.25, < 3 | 2.32.3",
            "~=1.4.2 | 1.4.9",
            "~=1.4 | 1.9.9",
            "==1.* | 1.9.9",
            "!=3.0.0,>=2 | 2.32.3",
            "^1.4.2 | 1.9.9",
            "^0.9.0 | 0.9.0",
            "~1.4.2 | 1.4.9",
            "1.x | 1.9.9",
            "1.4 | 1.4.9",
            "1.0.0 - 1.5.0 | 1.5.0",
            "^1.0.0 || ^2.0.0 | 2.32.3",
            "[1.0.0,2.0.0) | 1.9.9",
            "(,1.5.0] | 1.5.0",
            "[2.31.0] | 2.31.0",
            "<2 | 1.9.9",
            "* | 3.0.0",
            ">=3.0.0-beta.1 | 3.0.0",
    })
    void newestMatchingRelease(String constraint, String newest) {
        assertThat(Constraint.parse(constraint).orElseThrow().newest(RELEASES)).contains(newest);
    }

    @ParameterizedTest
    @CsvSource({"'>=2 <<1'", "'[1.0,'", "'~>'"})
    void unreadableConstraintsAreEmpty(String constraint) {
        assertThat(Constraint.parse(constraint)).isEmpty();
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({"1.0rc1, 1.0", "1.0, 1.0.post1", "1.0.dev1, 1.0a1", "1.0a1, 1.0b1", "1.0b1, 1.0rc1", "1.9, 1.10",
            "v1.2.3, v1.2.4", "1.0.0-beta.1, 1.0.0", "2.0.0-jre, 2.0.1", "1.0, 1.0.1"})
    void versionOrder(String lower, String higher) {
        assertThat(Versions.compare(lower, higher)).isNegative();
        assertThat(Versions.compare(higher, lower)).isPositive();
    }

    @Property(tries = 300)
    void arbitraryConstraintsNeverThrow(@ForAll @StringLength(max = 80) String text) {
        Constraint.parse(text).ifPresent(c -> c.newest(RELEASES));
    }

    @Property(tries = 300)
    void orderIsAntisymmetric(@ForAll @StringLength(max = 20) String a, @ForAll @StringLength(max = 20) String b) {
        assertThat(Integer.signum(Versions.compare(a, b))).isEqualTo(-Integer.signum(Versions.compare(b, a)));
    }
}
