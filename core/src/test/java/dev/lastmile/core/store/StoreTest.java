package dev.lastmile.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.testing.LineMatchCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path dir;

    @Test
    void keysFollowTheDocumentedLayout() {
        assertThat(StoreKeys.runDocument("Acme/Shop", "delivery-123", "sql")).isEqualTo("runs/acme/shop/delivery-123/sql.json");
        assertThat(StoreKeys.sarif("acme/shop", "j1", "secrets")).isEqualTo("runs/acme/shop/j1/secrets.sarif");
        assertThat(StoreKeys.findingRows(LocalDate.of(2026, 11, 25), "sql", "acme/shop", "j1"))
                .isEqualTo("findings/dt=2026-11-25/check=sql/acme__shop__j1.jsonl");
        assertThat(StoreKeys.repository("just-a-dir")).isEqualTo("local/just-a-dir");
    }

    @Test
    void hostileInputCannotEscapeOrInjectIntoKeys() {
        assertThat(StoreKeys.runDocument("../../etc/passwd", "../x", "sql\u0000\n"))
                .matches("runs/_\\.-[0-9a-f]{64}/_\\._etc_passwd-[0-9a-f]{64}/_\\._x-[0-9a-f]{64}/sql__-[0-9a-f]{64}\\.json");
        assertThat(StoreKeys.part("..")).matches("_\\.-[0-9a-f]{64}");
        assertThat(StoreKeys.part("")).matches("-[0-9a-f]{64}");
        assertThat(StoreKeys.part("a".repeat(500))).hasSize(100);
        assertThat(StoreKeys.part("a".repeat(500))).isNotEqualTo(StoreKeys.part("a".repeat(499)));
        assertThatThrownBy(() -> StoreKeys.checked("runs/../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreKeys.checked("/abs")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreKeys.checked("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThat(StoreKeys.checked("cache/deps/pypi=requests/2.31.0.json")).isEqualTo("cache/deps/pypi=requests/2.31.0.json");
    }

    @Property(tries = 500)
    void everyBuiltKeyIsSafe(@ForAll String repo, @ForAll String job, @ForAll String check) {
        for (String key : List.of(StoreKeys.runDocument(repo, job, check), StoreKeys.sarif(repo, job, check),
                StoreKeys.findingRows(LocalDate.of(2026, 1, 1), check, repo, job))) {
            assertThat(StoreKeys.checked(key)).isEqualTo(key);
            assertThat(key.length()).isLessThanOrEqualTo(5 + 4 * 100 + 3 + ".sarif".length());
            assertThat(key.split("/")).doesNotContain("..", ".", "");
        }
    }

    @Test
    void theLocalStoreRoundTripsAndWritesConditionally() {
        LocalObjectStore store = new LocalObjectStore(dir);
        store.put("a/b.json", "1".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(store.get("a/b.json")).get().extracting(b -> new String(b, StandardCharsets.UTF_8)).isEqualTo("1");
        assertThat(store.putIfAbsent("a/c.json", new byte[] {1}, null)).isTrue();
        assertThat(store.putIfAbsent("a/c.json", new byte[] {2}, null)).isFalse();
        assertThat(store.get("a/c.json")).get().isEqualTo(new byte[] {1});
        assertThat(store.list("a/")).containsExactly("a/b.json", "a/c.json");
        assertThat(store.get("missing")).isEmpty();
        store.delete("a/b.json");
        assertThat(store.list("")).containsExactly("a/c.json");
    }

    @Test
    void theFindingsStoreWritesRunDocumentSarifAndRowsUnderTheSameJob() {
        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(
                new InMemorySource("acme/shop").revision("base").put("head", "m.sql", "BAD\nBAD 2\n"),
                "base", "head", ScanMode.PULL_REQUEST, 12, null, List.of(new LineMatchCheck("BAD")), null));
        FindingsStore store = new FindingsStore(new LocalObjectStore(dir));
        FindingsStore.RunKeys keys = store.save("job-1", result).getFirst();
        assertThat(keys.runDocument()).isEqualTo("runs/acme/shop/job-1/test.json");

        RunDocument doc = store.readRun(keys.runDocument()).orElseThrow();
        assertThat(doc.pullRequest()).isEqualTo(12);
        assertThat(doc.check()).isEqualTo("test");
        assertThat(doc.run().findings()).hasSize(2);
        assertThat(doc.failing()).hasSize(2);
        JsonNode raw = Json.parse(new String(store.objects().get(keys.runDocument()).orElseThrow(), StandardCharsets.UTF_8));
        assertThat(raw.path("schema").asText()).isEqualTo(RunDocument.SCHEMA);
        assertThat(raw.path("counts").path("failing").asInt()).isEqualTo(2);
        String rows = new String(store.objects().get(keys.findingRows()).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(rows.lines()).hasSize(2).allSatisfy(line -> {
            JsonNode row = Json.parse(line);
            assertThat(row.path("repository").asText()).isEqualTo("acme/shop");
            assertThat(row.path("jobId").asText()).isEqualTo("job-1");
        });
        assertThat(store.objects().get(keys.sarif())).isPresent();
        assertThat(store.runDocumentKeys("acme/shop")).containsExactly(keys.runDocument());

        // the same job again (a retried message) overwrites instead of adding
        store.save("job-1", result);
        assertThat(store.objects().list("")).hasSize(3);
    }
}
