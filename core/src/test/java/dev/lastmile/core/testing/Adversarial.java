package dev.lastmile.core.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lastmile.core.util.Texts;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Adversarial input for fuzzing every parser entry (issue 14): the shapes that make parsers throw, recurse or loop
 * (deep nesting, megabyte lines, invalid UTF-8 read as lastmile reads it, unclosed quotes and blocks, NUL and control
 * bytes), mixed with the pieces of the format under test. {@link #bounded} is the one assertion: a result or a clear
 * error, within a time bound, never an unexpected exception. The bound is a hang detector, not a speed claim.
 */
public final class Adversarial {

    /** Long enough to expose quadratic work and deep enough to overflow a naive recursive descent. */
    public static final int HUGE = 1 << 20;
    public static final int DEEP = 20_000;

    private static final List<String> OPENERS = List.of("[", "{", "(", "{{", "{%", "{#", "- ", "  ", "a:\n  ",
            "[[", "\"", "'", "<", "${", "$(", "/*", "'''", "\"\"\"", "\\", "[x.", "x = {", "{\"a\":", "- [",
            "{% if x %}", "{% for i in x %}", "(select ");
    private static final List<String> BREAKERS = List.of("\u0000", "\r", "\r\n", "\n", "\t", "\uFEFF", "\uFFFD",
            "\u202E", "😀", "é", "\u0085", "\u2028", "\\u0000", "\\", "\"", "'", "`", "#", ";", "--", ":", "=", ",",
            "]", "}", ")", "}}", "%}", "*/", "&a", "*a", "!!binary ", "!!python/object ", "<<: *a", "? ", "|", ">",
            "---", "...", "%YAML 1.2", "0x", "1e999999", "-", "9".repeat(40), "NaN", "null", "true");

    private Adversarial() {
    }

    /**
     * Text built from the format's own {@code pieces} and the breakers above, in one of five shapes: a short mix, one
     * piece nested {@value #DEEP} deep, a megabyte line of a repeated unit, random bytes decoded the way lastmile reads
     * files (invalid UTF-8, UTF-16 guesses), or a valid-looking prefix cut off in the middle.
     */
    public static Arbitrary<String> text(List<String> pieces) {
        List<String> all = new java.util.ArrayList<>(pieces);
        all.addAll(BREAKERS);
        Arbitrary<String> piece = Arbitraries.of(all);
        Arbitrary<String> mix = piece.list().ofMaxSize(60).map(l -> String.join("", l));
        Arbitrary<String> nested = Combinators.combine(Arbitraries.of(concat(OPENERS, pieces)), mix,
                Arbitraries.integers().between(1_000, DEEP)).as((open, tail, n) -> open.repeat(n) + tail);
        Arbitrary<String> hugeLine = Combinators.combine(piece.list().ofMinSize(1).ofMaxSize(3), mix)
                .as((unit, head) -> head + repeatTo(String.join("", unit), HUGE));
        Arbitrary<String> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(4_000)
                .map(b -> Texts.withGitLineBreaks(Texts.decodeLeniently(b).text()));
        Arbitrary<String> cut = Combinators.combine(mix, Arbitraries.of(OPENERS), mix)
                .as((a, open, b) -> a + open + b);
        return Arbitraries.oneOf(mix, nested, hugeLine, bytes, cut);
    }

    /**
     * Runs {@code parse} under {@code bound}: its result, or null when it threw one of the {@code clearErrors} (the
     * parser's own "this input is broken" exceptions). Any other exception, or not finishing in time, fails with the
     * label and the start of the input.
     */
    public static <T> T bounded(Duration bound, String label, String input, Set<Class<? extends Throwable>> clearErrors,
                                ThrowingSupplier<T> parse) {
        AtomicReference<T> out = new AtomicReference<>();
        assertTimeoutPreemptively(bound, () -> {
            try {
                out.set(parse.get());
            } catch (Throwable t) {
                if (clearErrors.stream().noneMatch(c -> c.isInstance(t))) {
                    throw new AssertionError(label + " threw " + t + " on " + describe(input), t);
                }
            }
        }, () -> label + " did not finish within " + bound + " on " + describe(input));
        return out.get();
    }

    /** The input's length and its first characters, escaped, for a failure message. */
    public static String describe(String input) {
        String head = input.substring(0, Math.min(80, input.length()));
        StringBuilder b = new StringBuilder();
        head.codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c)));
        return input.length() + " chars: \"" + b + "\"";
    }

    private static String repeatTo(String unit, int length) {
        return unit.isEmpty() ? "" : unit.repeat(Math.max(1, length / unit.length()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
