package dev.lastmile.check.secrets;

import dev.lastmile.core.testing.RuleCases;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the rule cases in {@code src/test/resources/rules/SEC*.yml}. Cases name generated samples by token
 * ({@code @@github_token@@}), so that no real-looking key is committed: the files are expanded into
 * {@code rules-generated/} on the test class path before the shared runner reads them.
 */
class SecretsRuleCasesTest {

    static final String GENERATED = "rules-generated";

    @TestFactory
    Stream<DynamicTest> ruleCases() throws Exception {
        return RuleCases.forCheck(new SecretsCheck(), expanded());
    }

    @Test
    void everyRuleHasPassAndFailCases() throws Exception {
        RuleCases.assertEveryRuleCovered(new SecretsCheck(), expanded());
    }

    /** Expands every case file (same seed per file, so a failing case reproduces) and returns the resource folder. */
    static synchronized String expanded() throws IOException, URISyntaxException {
        URL url = SecretsRuleCasesTest.class.getClassLoader().getResource("rules");
        Path source = Path.of(url.toURI());
        Path target = source.resolveSibling(GENERATED);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                String out = new Samples(p.getFileName().toString().hashCode()).expand(text);
                Files.writeString(target.resolve(p.getFileName()), out, StandardCharsets.UTF_8);
            }
        }
        return GENERATED;
    }

}
