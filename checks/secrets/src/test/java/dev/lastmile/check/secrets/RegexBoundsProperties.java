package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.internal.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

/**
 * Bounded work (issue 14): every detector's patterns and the value classification run in linear time on worst-case
 * input. Each generator builds a 1 MB line from the pieces a pattern's alternatives and repetitions hinge on (its
 * keywords, separators, quotes, braces, scheme markers), the shape that makes a backtracking pattern take minutes.
 * The time bound is a hang detector, not a speed claim (speed is benchmarked, docs/secrets.md).
 */
class RegexBoundsProperties {

    private static final int LINE = 1 << 20;
    private static final List<String> PIECES = List.of("=", ";", ":", "://", "@", "/", "?", "&", "{", "}", "{{", "}}",
            "${", "$(", "<%", "%>", "'", "\"", "`", " ", "-", "_", ".", "a", "Z", "9", "x", "*", "0", "server=",
            "pwd=", "password=", "jdbc:x:", "Bearer ", "-----BEGIN ", "PRIVATE KEY", "AKIA", "ghp_", "xoxb-", "sk_live_",
            "dapi", "glpat-", "AIza", "https://", "postgres://u:", "\\", "%");

    @Provide
    Arbitrary<String> worstLines() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(4).map(unit -> {
            String u = String.join("", unit);
            StringBuilder b = new StringBuilder(LINE + u.length());
            while (b.length() < LINE) {
                b.append(u);
            }
            return b.toString();
        });
    }

    @Property(tries = 12)
    void everyDetectorIsLinearOnAMegabyteLine(@ForAll("worstLines") String line) {
        List<String> keywords = new ArrayList<>();
        for (Detector d : SecretRules.detectors()) {
            keywords.addAll(d.keywords());
        }
        for (Detector d : SecretRules.detectors()) {
            // the keywords gate a detector; put them in so every pattern runs
            String text = String.join(" ", d.keywords()) + " " + line;
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> d.find(text),
                    () -> d.id() + " on a 1 MB line of '" + line.substring(0, 40) + "…'");
        }
        assertThat(keywords).isNotEmpty();
    }

    /** The line issue 14 found: minutes on main (each PWD= recomputed its 1 MB line). */
    @org.junit.jupiter.api.Test
    void aLongOdbcLineIsLinear() {
        String line = "pwd=x;server=".repeat(LINE / 13);
        List<Detector.Match> found = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<Detector.Match> all = new ArrayList<>();
            for (Detector d : SecretRules.detectors()) {
                all.addAll(d.find(line));
            }
            return all;
        });
        assertThat(found).isNotNull();
    }

    @Provide
    Arbitrary<String> worstValues() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(3).map(unit -> {
            String u = String.join("", unit);
            return u.repeat(Math.max(1, 10_000 / u.length()));
        });
    }

    @Property(tries = 40)
    void valueClassificationIsLinear(@ForAll("worstValues") String value) {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Values.classify(value),
                () -> "classify('" + value.substring(0, Math.min(40, value.length())) + "…')");
    }
    /**
     * Value classification and key strength on megabyte values built from the worst pieces: a value is cut from
     * user text, so its length is the file's to choose (the 10 kB property above predates this one).
     */
    @Property(tries = 12)
    void valueClassificationIsLinearOnAMegabyteValue(@ForAll("worstLines") String value) {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Values.classify(value);
            Values.classify("\"" + value + "\"");
            Values.isReference(value);
            dev.lastmile.check.secrets.internal.CredentialKeys.defaults().strength(value);
            dev.lastmile.check.secrets.internal.Masking.preview(value);
        }, () -> "classification of a 1 MB value of '" + value.substring(0, 40) + "…'");
    }

    /** The whole file scanner (extractors, pair splitting, bearer and hash patterns) on a file of one 1 MB line. */
    @Property(tries = 12)
    void theFileScannerIsLinearOnAMegabyteLine(@ForAll("worstLines") String line) {
        dev.lastmile.check.secrets.internal.FileScanner scanner = new dev.lastmile.check.secrets.internal.FileScanner(
                SecretsPolicy.defaults(), new dev.lastmile.check.secrets.internal.SecretHasher(new byte[] {1}));
        for (String path : List.of(".env", "a.yml", "a.json", "a.py", "a.sql", "main.tf", "a.properties", "a.md")) {
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scanner.scan(path, "password=" + line + "\n"),
                    () -> path + " with a 1 MB line of '" + line.substring(0, 40) + "…'");
        }
    }
}
