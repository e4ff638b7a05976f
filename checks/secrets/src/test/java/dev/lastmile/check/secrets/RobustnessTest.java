package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lastmile.check.secrets.internal.FileScanner;
import dev.lastmile.check.secrets.internal.Hit;
import dev.lastmile.check.secrets.internal.SecretHasher;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gives a note or nothing, never an exception, a hang, or lost work. */
class RobustnessTest {

    private final Samples s = new Samples(11L);
    private final FileScanner scanner = new FileScanner(SecretsPolicy.defaults(),
            new SecretHasher("r".getBytes(StandardCharsets.UTF_8)));

    private List<Hit> scan(String path, String text) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> scanner.scan(path, text).hits());
    }

    @Test
    void hugeMinifiedJsonLineIsScannedQuickly() {
        StringBuilder b = new StringBuilder("{\"rows\":[");
        for (int i = 0; i < 20_000; i++) {
            b.append("{\"id\":").append(i).append(",\"name\":\"row ").append(i).append("\",\"sha\":\"")
                    .append(s.chars("0123456789abcdef", 40)).append("\"},");
        }
        b.append("{\"password\":\"").append(s.password()).append("\"}]}");
        assertThat(b.length()).isGreaterThan(1_500_000);
        List<Hit> hits = scan("data/export.json", b.toString());
        assertThat(hits).singleElement().satisfies(h -> assertThat(h.rule().id()).isEqualTo("SEC001"));
    }

    @Test
    void longValuesOfEveryShapeNeitherOverflowNorHang() {
        for (String unit : List.of("a-", "ab_", "x.", "Ab", "a ", "token", "@", "{", "'", "\\", "$")) {
            String v = unit.repeat(4_990);
            scan("conf/a.yml", "password: \"" + v.replace("\"", "") + "\"\n");
            scan("conf/a.env", "PASSWORD=" + v + "\n");
            scan("a.py", "password = '" + v.replace("'", "") + "'\n");
            scan("a.sql", "create user x password = '" + v.replace("'", "") + "';\n");
            scan("a.md", "postgresql://u:" + v + "@h/db\n");
            scan("Dockerfile", "ENV DB_PASSWORD=\"" + v.replace("\"", "") + "\"\n");
            scan("main.tf", "password = \"" + v.replace("\"", "") + "\"\n");
        }
    }

    @Test
    void deeplyNestedJsonIsANoteNotACrash() {
        String text = "[".repeat(50_000) + "]".repeat(50_000);
        List<Hit> hits = scan("config/deep.json", text);
        assertThat(hits).allSatisfy(h -> assertThat(h.rule().id()).isEqualTo("SEC090"));
    }

    @Test
    void yamlAliasBombIsRefused() {
        String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                + "password: \"" + s.password() + "\"\n";
        List<Hit> hits = scan("config/bomb.yml", bomb);
        assertThat(hits).extracting(h -> h.rule().id()).contains("SEC001");
    }

    @Test
    void unterminatedStringsAndCommentsDoNotSwallowTheRest() {
        String py = "x = '''never closed\npassword = \"" + s.password() + "\"\n";
        assertThat(scan("a.py", py)).isNotNull();
        String sql = "/* never closed\ncreate user x password = '" + s.password() + "';\n";
        assertThat(scan("a.sql", sql)).isNotNull();
        String nb = "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"password = 'abc";
        assertThat(scan("a.ipynb", nb)).isNotNull();
    }

    @Test
    void binaryAndLatin1FilesThroughTheEngine() {
        InMemorySource src = new InMemorySource("r");
        src.put("base", "README.md", "x\n");
        src.put("head", "README.md", "x\n");
        src.put("head", "img.png", "\u0000\u0001PNG password=" + s.password());
        byte[] latin1 = ("# Konfiguration für Lädt\npassword = " + s.password() + "\n").getBytes(StandardCharsets.ISO_8859_1);
        src.put("head", "conf/app.ini", new String(latin1, StandardCharsets.ISO_8859_1));
        ScanResult r = new ScanEngine().scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, null,
                null, List.of(new SecretsCheck(new SecretHasher("r".getBytes(StandardCharsets.UTF_8)))), null));
        // a binary-looking file is read as far as it can be, and never in silence (issue 14)
        assertThat(r.findings()).filteredOn(f -> f.path().equals("img.png")).extracting(Finding::ruleId)
                .containsExactly("LM003");
        assertThat(r.findings()).anyMatch(f -> f.path().equals("conf/app.ini") && f.line() == 2);
        assertThat(r.runs().getFirst().incomplete()).singleElement().asString().contains("img.png");
    }

    @Test
    void aFileOverTheLimitMakesTheRunIncompleteNotPassed() {
        InMemorySource src = new InMemorySource("r");
        src.put("base", "README.md", "x\n");
        src.put("head", "README.md", "x\n");
        src.put("head", "data/dump.sql", "-- loader: postgres://etl:" + s.password() + "@db.internal/prod\n"
                + "insert into t values (1);\n".repeat(1_000));
        ScanResult r = new ScanEngine().scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, null,
                dev.lastmile.core.policy.PolicyLoader.parse(".lastmile.yml", "secrets:\n  max_file_kb: 16\n"),
                List.of(new SecretsCheck(new SecretHasher("r".getBytes(StandardCharsets.UTF_8)))), null));
        assertThat(r.runs().getFirst().incomplete()).singleElement().asString()
                .contains("data/dump.sql").contains("secrets.max_file_kb");
        assertThat(r.findings()).anyMatch(f -> f.ruleId().equals("SEC091") && f.path().equals("data/dump.sql"));
        // scanned as far as it safely could be: the credential in its first part is still reported
        assertThat(r.findings()).anyMatch(f -> f.ruleId().equals("SEC002") && f.line() == 1);
    }

    @Test
    void markdownCellsOfNotebooksAreProse() {
        String nb = "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": [\"Set password = \\\"" + s.password()
                + "\\\" in your env\"]}], \"nbformat\": 4}\n";
        assertThat(scan("docs.ipynb", nb)).isEmpty();
    }

    /**
     * Suppressions carry reasons (issue 14): lastmile:allow without one silences nothing and is reported; with one
     * the finding is listed as suppressed with its reason. Credentials are looked for in every folder, the default
     * ignore folders included, unless the policy's own ignore names them.
     */
    @Test
    void allowMarkersNeedAReasonAndNoDefaultFolderHidesACredential() {
        String p1 = s.password();
        String p2 = s.password();
        String p3 = s.password();
        java.util.function.Function<String, ScanResult> scanWith = policy -> {
            InMemorySource src = new InMemorySource("r");
            src.put("base", "README.md", "x\n");
            src.put("head", "README.md", "x\n");
            src.put("head", "conf/a.env", "DB_PASSWORD=" + p1 + "  # lastmile:allow\n");
            src.put("head", "conf/b.env", "DB_PASSWORD=" + p2 + "  # lastmile:allow sample for the docs\n");
            src.put("head", "logs/debug.env", "DB_PASSWORD=" + p3 + "\n");
            src.put("head", "target/run_results.env", "DB_PASSWORD=" + p3 + "\n");
            return new ScanEngine().scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, null,
                    policy == null ? null : dev.lastmile.core.policy.PolicyLoader.parse(".lastmile.yml", policy),
                    List.of(new SecretsCheck(new SecretHasher("r".getBytes(StandardCharsets.UTF_8)))), null));
        };
        ScanResult r = scanWith.apply(null);
        assertThat(r.findings()).filteredOn(f -> f.path().equals("conf/a.env")).extracting(Finding::ruleId, Finding::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("SEC001", FindingStatus.NEW),
                        org.assertj.core.groups.Tuple.tuple("LM001", FindingStatus.NEW));
        assertThat(r.findings()).filteredOn(f -> f.path().equals("conf/b.env")).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FindingStatus.SUPPRESSED);
            assertThat(f.properties()).containsEntry("suppressionReason", "sample for the docs");
        });
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("SEC001")).extracting(Finding::path)
                .contains("logs/debug.env", "target/run_results.env");
        // the policy's own ignore still applies
        assertThat(scanWith.apply("ignore: ['logs/']\n").findings()).noneMatch(f -> f.path().startsWith("logs/"))
                .anyMatch(f -> f.path().equals("target/run_results.env"));
    }
}
