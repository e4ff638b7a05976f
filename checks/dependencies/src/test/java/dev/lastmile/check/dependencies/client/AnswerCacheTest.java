package dev.lastmile.check.dependencies.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lastmile.check.dependencies.testing.MemoryStore;
import dev.lastmile.check.dependencies.testing.TestAnswers;
import dev.lastmile.core.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {

    private final MemoryStore store = new MemoryStore();
    private final AnswerCache cache = new AnswerCache(store, TestAnswers.CLOCK);

    @Test
    void keysAreSanitisedAndValidStoreKeys() {
        String key = AnswerCache.key("depsdev-version", "NPM", "@scope/name", "1.0.0+build/../x");
        assertThat(key).matches("dependency-cache/v1/depsdev-version/NPM/_scope_name-[0-9a-f]{64}/1\\.0\\.0_build_\\.\\._x-[0-9a-f]{64}\\.json");
        assertThat(key.split("/")).doesNotContain("..", ".").hasSize(6);
        dev.lastmile.core.store.StoreKeys.checked(key);
    }

    @Test
    void twoNamesSanitisedAlikeNeverShareAnAnswer() {
        String key = AnswerCache.key("depsdev-version", "NPM", "@a/b", "1");
        // sanitised parts carry the hash of the original (StoreKeys.part), so the keys differ; the identity stored
        // in the entry still guards an entry read under another's key
        assertThat(AnswerCache.key("depsdev-version", "NPM", "_a_b", "1")).isNotEqualTo(key);
        cache.put(key, "NPM:@a/b@1", 200, JsonNodeFactory.instance.objectNode().put("x", 1));
        assertThat(cache.get(key, "NPM:_a_b@1", Duration.ofDays(1))).isEmpty();
        assertThat(cache.get(key, "NPM:@a/b@1", Duration.ofDays(1))).isPresent();
    }

    @Test
    void corruptEntriesAndFailingStoresAreMisses() {
        store.put("dependency-cache/v1/x.json", "{not json".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(cache.get("dependency-cache/v1/x.json", "x", Duration.ofDays(1))).isEmpty();

        AnswerCache broken = new AnswerCache(new FailingStore(), TestAnswers.CLOCK);
        assertThat(broken.get("dependency-cache/v1/x.json", "x", Duration.ofDays(1))).isEmpty();
        broken.put("dependency-cache/v1/x.json", "x", 200, JsonNodeFactory.instance.nullNode());
        assertThat(broken.getMany(List.of(new AnswerCache.Lookup("dependency-cache/v1/y.json", "y", Duration.ZERO),
                new AnswerCache.Lookup("dependency-cache/v1/z.json", "z", Duration.ZERO)))).isEmpty();
    }

    @Test
    void manyReadsAndWritesGoInParallelSoASlowStoreStaysUsable() {
        SlowStore slow = new SlowStore(20);
        AnswerCache c = new AnswerCache(slow, TestAnswers.CLOCK);
        List<AnswerCache.Put> puts = IntStream.range(0, 320).mapToObj(i -> new AnswerCache.Put(
                AnswerCache.key("t", "k" + i), "k" + i, 200, JsonNodeFactory.instance.numberNode(i))).toList();

        long t0 = System.nanoTime();
        c.putMany(puts);
        var got = c.getMany(puts.stream().map(p -> new AnswerCache.Lookup(p.key(), p.identity(), Duration.ofDays(1)))
                .toList());
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(got).hasSize(320);
        assertThat(got.get(AnswerCache.key("t", "k7")).body().asInt()).isEqualTo(7);
        // 640 operations of 20 ms each take 12.8 s one after the other; 32 at a time about 0.4 s
        assertThat(ms).isLessThan(5000);
    }

    @Test
    void entriesExpire() {
        String key = AnswerCache.key("t", "a");
        cache.put(key, "a", 200, JsonNodeFactory.instance.objectNode());
        AnswerCache later = new AnswerCache(store, java.time.Clock.offset(TestAnswers.CLOCK, Duration.ofHours(13)));
        assertThat(later.get(key, "a", Duration.ofHours(12))).get().matches(AnswerCache.Entry::stale);
        assertThat(later.get(key, "a", Duration.ofHours(14))).get().matches(e -> !e.stale());
    }

    private static final class FailingStore implements ObjectStore {
        public void put(String key, byte[] data, String contentType) {
            throw new IllegalStateException("down");
        }

        public boolean putIfAbsent(String key, byte[] data, String contentType) {
            throw new IllegalStateException("down");
        }

        public Optional<byte[]> get(String key) {
            throw new IllegalStateException("down");
        }

        public List<String> list(String prefix) {
            throw new IllegalStateException("down");
        }

        public void delete(String key) {
            throw new IllegalStateException("down");
        }

        public String location() {
            return "down";
        }
    }

    /** A store with a fixed latency per call, like S3 from a Lambda function. */
    private static final class SlowStore implements ObjectStore {
        private final MemoryStore inner = new MemoryStore();
        private final long millis;

        SlowStore(long millis) {
            this.millis = millis;
        }

        private void pause() {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public void put(String key, byte[] data, String contentType) {
            pause();
            inner.put(key, data, contentType);
        }

        public boolean putIfAbsent(String key, byte[] data, String contentType) {
            pause();
            return inner.putIfAbsent(key, data, contentType);
        }

        public Optional<byte[]> get(String key) {
            pause();
            return inner.get(key);
        }

        public List<String> list(String prefix) {
            return inner.list(prefix);
        }

        public void delete(String key) {
            inner.delete(key);
        }

        public String location() {
            return "slow";
        }
    }
}
