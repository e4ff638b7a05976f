package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lastmile.check.secrets.extract.Entry;
import dev.lastmile.check.secrets.extract.Extraction;
import dev.lastmile.check.secrets.extract.Extractor;
import dev.lastmile.check.secrets.extract.Extractors;
import dev.lastmile.check.secrets.internal.FileScanner;
import dev.lastmile.check.secrets.internal.Hit;
import dev.lastmile.check.secrets.internal.SecretHasher;
import dev.lastmile.core.util.Texts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary and format-shaped input never makes an extractor or the file scanner throw or hang, and every line
 * they report lies inside the file.
 */
class ExtractorProperties {

    private static final List<String> PATHS = List.of("a.yml", "a.json", "a.toml", ".env", "a.ini", "a.py", "a.sh",
            "a.sql", "main.tf", "Dockerfile", "a.ipynb", "a.js", "a.rb", "a.md", "credentials", ".pgpass");

    private static final List<String> FRAGMENTS = List.of("\n", "\r\n", " ", "  ", "\t", "{", "}", "[", "]", "\"", "'",
            "'''", "\"\"\"", "`", ":", "=", ",", ";", "#", "--", "//", "/*", "*/", "{{", "}}", "{%", "%}", "${", "$(",
            "$$", "\\", "\\n", "password", "token", "api_key", "private_key", "type", "service_account", "value", "name",
            "Default", "NoEcho", "cells", "source", "outputs", "text", "export ", "ENV ", "variable \"db_password\" {",
            "IDENTIFIED BY", "CREDENTIALS", "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----",
            "postgresql://u:p4ssw0rdX@h/db", "jdbc:x:y;password=abc", "Server=x;PWD=y;", "AKIA", "ghp_", "dapi", // lastmile:allow
            "sv=2022-01-01&sig=", "- ", "!Ref ", "&a", "*a", "<<: *a", "qW8rT5yU2iO9pA3s", "é", "\u0000", "😀");

    private final FileScanner scanner = new FileScanner(SecretsPolicy.defaults(),
            new SecretHasher("p".getBytes(StandardCharsets.UTF_8)));

    @Provide
    Arbitrary<String> shaped() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(80).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> path() {
        return Arbitraries.of(PATHS);
    }

    @Property(tries = 400)
    void extractorsNeverThrowOnShapedInput(@ForAll("shaped") String text) {
        for (Extractor e : Extractors.all()) {
            checkExtractor(e, text);
        }
    }

    @Property(tries = 200)
    void extractorsNeverThrowOnArbitraryInput(@ForAll String text) {
        for (Extractor e : Extractors.all()) {
            checkExtractor(e, text);
        }
    }

    @Property(tries = 300)
    void scannerNeverThrowsAndReportsLinesInsideTheFile(@ForAll("path") String path, @ForAll("shaped") String text) {
        List<Hit> hits = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scanner.scan(path, text).hits());
        int lines = Texts.lines(text).size();
        for (Hit h : hits) {
            assertThat(h.line()).isBetween(1, lines);
        }
    }

    @Property(tries = 500)
    void valueAndKeyClassificationNeverThrow(@ForAll String text, @ForAll("shaped") String shaped) {
        for (String s : List.of(text, shaped, text.repeat(50))) {
            assertThat(dev.lastmile.check.secrets.internal.Values.classify(s)).isNotNull();
            assertThat(dev.lastmile.check.secrets.internal.CredentialKeys.defaults().strength(s)).isNotNull();
            assertThat(dev.lastmile.check.secrets.internal.Masking.preview(s)).isNotNull();
        }
    }

    private static void checkExtractor(Extractor e, String text) {
        Extraction x = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> e.extract(text), e.name());
        int lines = Texts.lines(text).size();
        for (Entry en : x.entries()) {
            assertThat(en.line()).as("%s line", e.name()).isBetween(1, lines);
        }
        assertThat(x.problemLine()).isGreaterThanOrEqualTo(1);
    }
}
