package dev.lastmile.check.sql.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The injection cases live in {@code rules-injection/} (run alone through {@link InjectionOnlyCheck}) and are mirrored
 * in {@code rules/} (run through the whole SqlCheck, whose coverage meta-test reads that folder). This test keeps
 * the two copies identical: edit the case in {@code rules-injection/} and copy it over.
 */
class InjectionCaseMirrorTest {

    @Test
    void everyInjectionCaseFileIsMirroredVerbatimForTheSqlCheck() throws IOException {
        for (var rule : InjectionRules.all()) {
            String own = resource("rules-injection/" + rule.id() + ".yml");
            String mirror = resource("rules/" + rule.id() + ".yml");
            assertThat(own).as("rules-injection/%s.yml", rule.id()).isNotNull();
            assertThat(mirror).as("rules/%s.yml must equal rules-injection/%s.yml", rule.id(), rule.id()).isEqualTo(own);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = InjectionCaseMirrorTest.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
