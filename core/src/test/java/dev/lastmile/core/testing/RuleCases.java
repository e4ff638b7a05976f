package dev.lastmile.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs rule cases kept as data beside the rules: one YAML file per rule under a test-resource folder
 * ({@code rules/SQL004.yml}), in the shape
 * <pre>
 * rule: SQL004
 * files:                       # optional: context files present at base and head in every case
 *   dbt_project.yml: |
 *     name: shop
 * policy: |                    # optional: a .lastmile.yml for every case (a case may give its own)
 *   fail_on: high
 * fail_select_star_from_customers:
 *   path: models/marts/orders.sql
 *   content: |
 *     select * from {{ ref('stg_customers') }}
 *   files: {models/staging/schema.yml: "..."}   # optional: more head files for this case
 *   base: {models/marts/orders.sql: "..."}      # optional: files at base (else the case file is added by the PR)
 *   expect:
 *     - {line: 1, contains: "email"}           # also optional: severity: high, status: new
 * pass_hashed_email_is_not_pii:
 *   path: models/marts/orders.sql
 *   content: |
 *     select sha256(email) as email_hash from {{ ref('stg_customers') }}
 * </pre>
 * A case fails when the check reports anything in {@code CheckResult.incomplete} (a rule that threw, a file it could
 * not judge), unless it says {@code allow_incomplete: true}.
 * Case names start with {@code fail_} (each {@code expect} entry must be matched by a finding of the rule on
 * {@code path}, at that line when given, whose message contains the text when given) or {@code pass_} (no finding of
 * the rule on {@code path}). Cases run through {@link ScanEngine} as a pull request, so suppressions and the policy
 * apply exactly as in production.
 */
public final class RuleCases {

    private static final Set<String> FILE_KEYS = Set.of("rule", "files", "policy", "description");

    private RuleCases() {
    }

    /** One dynamic test per case in every {@code *.yml} under the folders, named {@code <rule>/<case>}. */
    public static Stream<DynamicTest> forCheck(Check check, String... resourceDirs) {
        return loadAll(resourceDirs).stream().flatMap(file -> file.cases().stream()
                .map(c -> DynamicTest.dynamicTest(file.rule() + "/" + c.name(), () -> run(check, file, c))));
    }

    /**
     * Meta-test: every rule of {@code check} has a pass and a fail case in the folders, and every case file names one
     * of its rules.
     */
    public static void assertEveryRuleCovered(Check check, String... resourceDirs) {
        List<CaseFile> files = loadAll(resourceDirs);
        Set<String> ids = check.rules().stream().map(RuleMeta::id).collect(Collectors.toSet());
        for (CaseFile f : files) {
            assertThat(ids).as("case file %s names a rule of the %s check", f.source(), check.name()).contains(f.rule());
        }
        for (RuleMeta r : check.rules()) {
            List<Case> cases = files.stream().filter(f -> f.rule().equals(r.id())).flatMap(f -> f.cases().stream()).toList();
            assertThat(cases).as("rule %s has a fail_ case", r.id()).anyMatch(c -> c.name().startsWith("fail_"));
            assertThat(cases).as("rule %s has a pass_ case", r.id()).anyMatch(c -> c.name().startsWith("pass_"));
        }
    }

    /** One expected finding: line, message fragment, severity and status, each optional. */
    public record Expect(Integer line, String contains, String severity, String status) {
        boolean matches(Finding f) {
            return (line == null || f.line() == line)
                    && (contains == null || f.message().contains(contains))
                    && (severity == null || f.severity().id().equals(severity))
                    && (status == null || f.status().id().equals(status));
        }

        String describe() {
            return (line == null ? "" : " on line " + line) + (contains == null ? "" : " containing '" + contains + "'")
                    + (severity == null ? "" : " of severity " + severity) + (status == null ? "" : " with status " + status);
        }
    }

    public record Case(String name, String path, String content, Map<String, String> files, Map<String, String> base,
                       String policy, List<Expect> expect, boolean allowIncomplete) {
    }

    public record CaseFile(String source, String rule, Map<String, String> files, String policy, List<Case> cases) {
    }

    static void run(Check check, CaseFile file, Case c) {
        InMemorySource source = new InMemorySource("cases/" + file.rule());
        source.revision("base").revision("head");
        file.files().forEach((p, t) -> {
            source.put("base", p, t);
            source.put("head", p, t);
        });
        c.base().forEach((p, t) -> source.put("base", p, t));
        c.files().forEach((p, t) -> source.put("head", p, t));
        source.put("head", c.path(), c.content());
        String policyText = c.policy() != null ? c.policy() : file.policy();
        Policy policy = policyText == null ? Policy.defaults() : PolicyLoader.parse(PolicyLoader.FILE_NAME, policyText);

        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(source, "base", "head", ScanMode.PULL_REQUEST,
                null, policy, List.of(check), null));
        // a rule that throws lands in "incomplete"; without this a pass_ case would pass by the rule failing
        List<String> incomplete = result.runs().stream().flatMap(r -> r.incomplete().stream()).toList();
        if (!c.allowIncomplete()) {
            assertThat(incomplete).as("%s/%s: the check could not judge everything", file.rule(), c.name()).isEmpty();
        }
        List<Finding> ofRule = result.findings().stream()
                .filter(f -> f.ruleId().equals(file.rule()) && f.path().equals(c.path()))
                .filter(f -> f.status() != FindingStatus.SUPPRESSED)
                .toList();
        String seen = ofRule.stream().map(f -> "line " + f.line() + " (" + f.severity().id() + ", " + f.status().id() + "): "
                + f.message()).collect(Collectors.joining("\n  "));
        if (c.name().startsWith("pass_")) {
            assertThat(ofRule).as("%s/%s must not report on %s, but reported:\n  %s", file.rule(), c.name(), c.path(), seen)
                    .isEmpty();
        } else {
            assertThat(c.expect()).as("%s/%s: a fail_ case needs an expect list", file.rule(), c.name()).isNotEmpty();
            for (Expect e : c.expect()) {
                boolean hit = ofRule.stream().anyMatch(e::matches);
                assertThat(hit).as("%s/%s expects a finding%s; found:\n  %s", file.rule(), c.name(), e.describe(), seen)
                        .isTrue();
            }
        }
    }

    static List<CaseFile> loadAll(String... resourceDirs) {
        List<CaseFile> out = new ArrayList<>();
        for (String dir : resourceDirs) {
            out.addAll(load(dir));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<CaseFile> load(String resourceDir) {
        URL url = RuleCases.class.getClassLoader().getResource(resourceDir);
        if (url == null) {
            throw new IllegalStateException("no test resource folder " + resourceDir);
        }
        List<CaseFile> out = new ArrayList<>();
        try (Stream<Path> paths = Files.list(Path.of(url.toURI()))) {
            for (Path p : paths.filter(x -> x.toString().endsWith(".yml")).sorted().toList()) {
                Map<String, Object> doc;
                try (InputStream in = Files.newInputStream(p)) {
                    doc = new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                String rule = String.valueOf(doc.get("rule"));
                Map<String, String> files = strings((Map<String, Object>) doc.getOrDefault("files", Map.of()));
                String policy = (String) doc.get("policy");
                List<Case> cases = new ArrayList<>();
                for (Map.Entry<String, Object> e : doc.entrySet()) {
                    if (FILE_KEYS.contains(e.getKey())) {
                        continue;
                    }
                    if (!e.getKey().startsWith("pass_") && !e.getKey().startsWith("fail_")) {
                        throw new IllegalStateException(p + ": case '" + e.getKey() + "' must start with pass_ or fail_");
                    }
                    Map<String, Object> c = (Map<String, Object>) e.getValue();
                    List<Expect> expect = new ArrayList<>();
                    for (Object o : (List<Object>) c.getOrDefault("expect", List.of())) {
                        Map<String, Object> m = (Map<String, Object>) o;
                        expect.add(new Expect((Integer) m.get("line"), (String) m.get("contains"),
                                (String) m.get("severity"), (String) m.get("status")));
                    }
                    cases.add(new Case(e.getKey(), (String) c.get("path"), (String) c.getOrDefault("content", ""),
                            strings((Map<String, Object>) c.getOrDefault("files", Map.of())),
                            strings((Map<String, Object>) c.getOrDefault("base", Map.of())),
                            (String) c.get("policy"), expect, Boolean.TRUE.equals(c.get("allow_incomplete"))));
                }
                out.add(new CaseFile(p.getFileName().toString(), rule, files, policy, cases));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
