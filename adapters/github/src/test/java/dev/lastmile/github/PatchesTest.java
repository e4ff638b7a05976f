package dev.lastmile.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.scan.LineRanges;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PatchesTest {

    @Test
    void onlyAddedHeadLinesCount() {
        // from GitHub's pulls/{n}/files example shape: two hunks, a modification and an insertion
        String patch = """
                @@ -1,4 +1,5 @@
                 select
                -  email,
                +  sha256(email) as email_hash,
                +  country,
                   id
                 from customers
                @@ -20,2 +21,3 @@ where
                 and a = 1
                +and b = 2
                 -- end""";
        assertThat(Patches.addedLines(patch).toString()).isEqualTo("2-3,22");
    }

    @Test
    void noPatchMeansEveryLineAndNoNewlineMarkersAreIgnored() {
        assertThat(Patches.addedLines(null)).isEqualTo(LineRanges.ALL);
        assertThat(Patches.addedLines("@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file").toString())
                .isEqualTo("1");
        assertThat(Patches.addedLines("@@ -3,2 +3,0 @@\n-x\n-y").isEmpty()).isTrue();
        assertThat(Patches.addedLines("").isEmpty()).isTrue();
    }

    @Property(tries = 1000)
    void anyTextGivesValidRangesWithoutThrowing(@ForAll String patch) {
        LineRanges r = Patches.addedLines(patch);
        assertThat(r.ranges()).allSatisfy(p -> assertThat(p[0]).isPositive().isLessThanOrEqualTo(p[1]));
    }

    @Property(tries = 300)
    void everyPlusLineOfAHunkIsCounted(@ForAll("lines") java.util.List<Boolean> added) {
        StringBuilder b = new StringBuilder("@@ -1," + added.size() + " +1," + added.size() + " @@\n");
        int expected = 0;
        for (boolean a : added) {
            b.append(a ? "+x\n" : " x\n");
            expected += a ? 1 : 0;
        }
        LineRanges r = Patches.addedLines(b.toString());
        int counted = r.ranges().stream().mapToInt(p -> p[1] - p[0] + 1).sum();
        assertThat(counted).isEqualTo(expected);
        for (int i = 0; i < added.size(); i++) {
            assertThat(r.contains(i + 1)).isEqualTo(added.get(i));
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<java.util.List<Boolean>> lines() {
        return net.jqwik.api.Arbitraries.of(true, false).list().ofMaxSize(60);
    }
}
