package dev.lastmile.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.source.CommitInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/** Runs {@code provenance/cases.yml}: each evidence kind, and the false friends that must never be called AI. */
class ProvenanceCasesTest {

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> cases() throws Exception {
        try (InputStream in = ProvenanceCasesTest.class.getResourceAsStream("/provenance/cases.yml")) {
            return new Yaml().load(in);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCase() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        cases().forEach((name, c) -> tests.add(DynamicTest.dynamicTest(name, () -> run(name, c))));
        return tests.stream();
    }

    @Test
    void theCasesCoverEveryEvidenceKindAndBothVerdicts() throws Exception {
        List<String> kinds = new ArrayList<>();
        cases().values().forEach(c -> expected(c).forEach(e -> kinds.add(String.valueOf(e.get("kind")))));
        for (Evidence.Kind k : Evidence.Kind.values()) {
            assertThat(kinds).as("a case for " + k.id()).contains(k.id());
        }
        assertThat(cases().keySet()).anyMatch(n -> n.startsWith("human_")).anyMatch(n -> n.startsWith("ai_"));
        assertThat(cases().keySet()).allMatch(n -> n.startsWith("human_") || n.startsWith("ai_"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> expected(Map<String, Object> c) {
        return (List<Map<String, Object>>) c.getOrDefault("expect", List.of());
    }

    @SuppressWarnings("unchecked")
    private static void run(String name, Map<String, Object> c) {
        AiSignatures signatures = AiSignatures.builtIn();
        if (c.containsKey("detect")) {
            String policy = new Yaml().dump(Map.of("provenance", Map.of("ai", Map.of("detect", c.get("detect")))));
            signatures = PolicyLoader.parse(".lastmile.yml", policy).ai().signatures();
        }
        CommitInfo.Identity author = identity((String) c.get("author"), (String) c.get("authorLogin"));
        CommitInfo.Identity committer = c.containsKey("committer")
                ? identity((String) c.get("committer"), (String) c.get("committerLogin")) : author;
        CommitInfo info = new CommitInfo("0123456789abcdef0123456789abcdef01234567", author, committer,
                (String) c.get("message"), (Map<String, String>) c.getOrDefault("notes", Map.of()));
        List<Evidence> extra = new ArrayList<>();
        if (c.get("trace") instanceof Map<?, ?> t) {
            ProvenanceDetector.agentTrace((String) t.get("path"), (String) t.get("content"))
                    .forEach(e -> extra.add(e.evidence()));
        }
        CommitProvenance p = new ProvenanceDetector(signatures)
                .detect(info, (List<String>) c.getOrDefault("labels", List.of()), extra);

        List<Map<String, Object>> expect = expected(c);
        assertThat(p.ai()).as(name + ": AI-authored").isEqualTo(!expect.isEmpty());
        assertThat(p.evidence()).as(name + ": evidence").hasSize(expect.size());
        for (Map<String, Object> e : expect) {
            assertThat(p.evidence()).as(name).anySatisfy(ev -> {
                assertThat(ev.kind().id()).isEqualTo(e.get("kind"));
                assertThat(ev.tool()).isEqualTo(String.valueOf(e.get("tool")));
                assertThat(ev.detail()).isNotBlank();
            });
        }
    }

    private static CommitInfo.Identity identity(String nameAndEmail, String login) {
        CommitInfo.Identity id = ProvenanceDetector.parseIdentity(nameAndEmail).orElseThrow();
        return new CommitInfo.Identity(id.name(), id.email(), login);
    }
}
