package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.secrets.extract.Extraction;
import dev.lastmile.check.secrets.extract.Extractor;
import dev.lastmile.check.secrets.extract.Extractors;
import dev.lastmile.check.secrets.internal.FileScanner;
import dev.lastmile.check.secrets.internal.SecretHasher;
import dev.lastmile.core.testing.Adversarial;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The credentials check's parsers on adversarial text (issue 14): every extractor (YAML, JSON, TOML, notebook JSON,
 * Terraform, .env/properties, shell, Dockerfile, SQL, code) and the whole file scanner, fed text built from each
 * format's syntax in the shapes that break parsers (deep nesting, megabyte lines, invalid UTF-8 as lastmile reads
 * it, unclosed quotes, heredocs and blocks). Each ends with a result within a hang-detecting bound; an unparsable
 * file is part of the result (SEC090), never an exception.
 */
class ParserFuzzProperties {

    private static final Duration BOUND = Duration.ofSeconds(60); // a hang detector: hangs take hours; loaded CI takes seconds

    record Format(String path, List<String> pieces) {
    }

    private static final List<Format> FORMATS = List.of(
            new Format("config.yml", List.of("password: ", "db:\n", "  token: ", "- ", "&a ", "*a", "<<: *a\n", "!!binary ",
                    "|\n", ">-\n", "? ", "{", "}", "[", "]", "'", "\"", "---\n", "{{ env_var('X') }}")),
            new Format("creds.json", List.of("{\"password\": \"", "\"type\": \"service_account\",", "\"private_key\": \"",
                    "-----BEGIN PRIVATE KEY-----\\n", "{", "}", "[", "]", ",", ":", "\"", "\\u0000", "\\", "1e999")),
            new Format("app.toml", List.of("[db]\n", "password = \"", "'''", "\"\"\"", "[[a]]\n", "x = { token = \"", "}",
                    "[", "]", "=", "\\u00e9", "a.b.c = ")),
            new Format("nb.ipynb", List.of("{\"cells\": [", "{\"cell_type\": \"code\", \"source\": [", "\"password = 'x'\\n\"",
                    "], \"outputs\": [", "{\"text\": [", "]}", "{", "}", "[", "]", ",", "\"", "\\n")),
            new Format("main.tf", List.of("variable \"db_password\" {\n", "default = \"", "}\n", "<<EOT\n", "EOT\n", "${",
                    "password = ", "\"", "{", "}", "/*", "#")),
            new Format(".env", List.of("PASSWORD=", "export TOKEN=", "'", "\"", "\\\n", "#", "=", "${X}", "$(cat x)")),
            new Format("app.properties", List.of("db.password=", "key\\\n", ":", "=", "\\u0041", "!", "#", "\\")),
            new Format("run.sh", List.of("export PGPASSWORD=", "curl -H 'Authorization: Bearer ", "<<EOF\n", "EOF\n",
                    "$(", ")", "`", "'", "\"", "\\", "mysql -p")),
            new Format("Dockerfile", List.of("ENV PASSWORD=", "ARG TOKEN=", "RUN echo ", "\\\n", "<<EOF\n", "EOF\n", "\"", "'")),
            new Format("load.sql", List.of("CREATE USER u IDENTIFIED BY '", "CREDENTIALS 'aws_access_key_id=", ";", "'",
                    "$$", "--", "/*", "{{ env_var('X') }}", "password => '")),
            new Format("app.js", List.of("const password = \"", "process.env.X", "`${", "}`", "/*", "*/", "//", "'", "\"",
                    "{", "}", "(", ")", "apiKey: '")),
            new Format("app.rb", List.of("password = '", "ENV['X']", "<<~EOS\n", "EOS\n", "#{", "}", "=begin\n", "=end\n",
                    "'", "\"", ":token => \"")),
            new Format("app.py", List.of("password = \"", "os.environ['X']", "'''", "\"\"\"", "f\"{", "}", "#", "\\",
                    "connect(password=")));

    record Case(Format format, String text) {
        @Override
        public String toString() {
            return format.path() + ": " + Adversarial.describe(text);
        }
    }

    private final FileScanner scanner = new FileScanner(SecretsPolicy.defaults(),
            new SecretHasher("p".getBytes(StandardCharsets.UTF_8)));

    @Provide
    Arbitrary<Case> files() {
        return Arbitraries.of(FORMATS).flatMap(f -> Adversarial.text(f.pieces()).map(t -> new Case(f, t)));
    }

    @Property(tries = 120)
    void everyExtractorEndsWithAnExtraction(@ForAll("files") Case c) {
        Extractor extractor = Extractors.forPath(c.format().path()).orElseThrow(() -> new AssertionError(c.format().path()));
        Extraction x = Adversarial.bounded(BOUND, extractor.name(), c.text(), Set.of(), () -> extractor.extract(c.text()));
        assertThat(x).isNotNull();
    }

    @Property(tries = 80)
    void theFileScannerEndsWithAResult(@ForAll("files") Case c) {
        FileScanner.Result r = Adversarial.bounded(BOUND, "FileScanner.scan " + c.format().path(), c.text(), Set.of(),
                () -> scanner.scan(c.format().path(), c.text()));
        assertThat(r).isNotNull();
    }

    @net.jqwik.api.Example
    void everyExtractorIsFuzzed() {
        for (Extractor e : Extractors.all()) {
            assertThat(FORMATS).as(e.name()).anyMatch(f -> e.fileRequired(f.path()));
        }
    }

    /** Pinned from the fuzzer: a megabyte of one repeated key (a log line per duplicate took minutes). */
    @net.jqwik.api.Example
    void aMegabyteOfOneRepeatedKeyIsRead() {
        String text = "password: hunter2\n".repeat(60_000);
        Extraction x = Adversarial.bounded(BOUND, "YamlExtractor", text, Set.of(),
                () -> Extractors.forPath("config.yml").orElseThrow().extract(text));
        assertThat(x).isNotNull();
    }

    /**
     * Pinned from RegexBoundsProperties: a YAML file with a megabyte line (SnakeYAML's reader is quadratic in a
     * token's length; minutes). It is unreadable YAML on line 1, read line by line instead, within the bound.
     */
    @net.jqwik.api.Example
    void aMegabyteLineIsUnreadableYamlNotAHang() {
        String text = "password=" + "=".repeat(1 << 20) + "\n";
        Extraction x = Adversarial.bounded(BOUND, "YamlExtractor", text, Set.of(),
                () -> Extractors.forPath("config.yml").orElseThrow().extract(text));
        assertThat(x.parsed()).isFalse();
        assertThat(x.problemLine()).isEqualTo(1);
    }
}
