package dev.lastmile.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.testing.LineMatchCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run document's one writer and one reader agree, and the policy's checks: is stored as "not enabled". */
class RunDocumentTest {

    @TempDir
    Path dir;

    private static ScanResult scan(String policy) {
        InMemorySource source = new InMemorySource("acme/shop").put("base", "m.sql", "ok\n")
                .put("head", "m.sql", "ok\nBAD // lastmile:ignore TST001 -- fixture\nBAD\n");
        if (policy != null) {
            source.put("base", ".lastmile.yml", policy).put("head", ".lastmile.yml", policy);
        }
        return new ScanEngine().scan(new ScanEngine.Request(source, "base", "head", ScanMode.PULL_REQUEST, 7, null,
                List.of(new LineMatchCheck("BAD")), null));
    }

    @Test
    void whatIsWrittenIsReadBack() {
        ScanResult result = scan("fail_on: medium\n");
        CheckRun run = result.runs().getFirst();
        RunDocument written = RunDocument.of("job-1", result, run);

        RunDocument read = RunDocument.parse(written.toJson());

        // the rules' metadata is not stored (the SARIF carries it); everything else comes back as it was
        RunDocument expected = new RunDocument("job-1", "acme/shop", result.base(), result.head(), ScanMode.PULL_REQUEST, 7,
                result.toolVersion(), ".lastmile.yml", false, Severity.MEDIUM, new CheckRun(run.check(), run.checkRunName(),
                List.of(), run.findings(), run.filesScanned(), run.incomplete(), run.startedAt(), run.durationMs()), null,
                null, null, result.policy().sourceHash());
        assertThat(read).isEqualTo(expected);
        // the audit trail names the exact policy that judged the change
        assertThat(read.policyHash()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(read.run().findings()).hasSize(2).extracting(f -> f.status().id()).containsExactly("suppressed", "new");
        assertThat(read.failing()).hasSize(1);
    }

    @Test
    void aCheckThePolicyLeavesOutIsStoredAsNotEnabled() {
        ScanResult result = scan("checks: [sql]\n");
        assertThat(result.runs()).isEmpty();
        assertThat(result.notEnabled()).singleElement().satisfies(s -> {
            assertThat(s.check()).isEqualTo("test");
            assertThat(s.reason()).isEqualTo("Not enabled by the policy: .lastmile.yml has checks: [sql]");
        });

        FindingsStore store = new FindingsStore(new LocalObjectStore(dir));
        FindingsStore.RunKeys keys = store.save("job-2", result).getFirst();

        assertThat(keys.sarif()).isNull();
        assertThat(store.objects().list("")).containsExactly("runs/acme/shop/job-2/test.json");
        RunDocument doc = store.readRun(keys.runDocument()).orElseThrow();
        assertThat(doc.isNotEnabled()).isTrue();
        assertThat(doc.notEnabled()).isEqualTo("Not enabled by the policy: .lastmile.yml has checks: [sql]");
        assertThat(doc.run().findings()).isEmpty();
        assertThat(doc.failing()).isEmpty();
    }

    @Test
    void anExplicitListOfChecksOverridesThePolicy() {
        InMemorySource source = new InMemorySource("acme/shop").put("head", "m.sql", "BAD\n")
                .put("head", ".lastmile.yml", "checks: [sql]\n");
        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(source, null, "head", ScanMode.FULL, null,
                PolicyLoader.parse(".lastmile.yml", "checks: [sql]\n"), List.of(new LineMatchCheck("BAD")), null, true));
        assertThat(result.notEnabled()).isEmpty();
        assertThat(result.runs()).singleElement().satisfies(r -> assertThat(r.findings()).hasSize(1));
    }

    @Test
    void anOlderDocumentReadsWithTheDefaultsItsBuildMeant() {
        String older = "{\"jobId\":\"j\",\"repository\":\"acme/shop\",\"head\":\"h\",\"check\":\"sql\",\"findings\":[]}";
        RunDocument doc = RunDocument.parse(older.getBytes(StandardCharsets.UTF_8));
        assertThat(doc.failOn()).isEqualTo(Severity.HIGH);
        assertThat(doc.mode()).isEqualTo(ScanMode.PULL_REQUEST);
        assertThat(doc.run().checkRunName()).isEqualTo("lastmile/sql");
        assertThat(doc.pullRequest()).isNull();
        assertThat(doc.isNotEnabled()).isFalse();
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> RunDocument.parse("{\"schema\":\"lastmile/run/v2\",\"check\":\"sql\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastmile/run/v1");
        assertThatThrownBy(() -> RunDocument.parse("[]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunDocument.parse("{\"schema\":\"lastmile/run/v1\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("without a check");
    }
}
