package dev.lastmile.check.dependencies.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.store.ObjectStore;
import dev.lastmile.core.store.StoreKeys;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The services' answers, kept in an {@link ObjectStore} (S3 for the functions, a directory for the CLI) under
 * {@code dependency-cache/v1/...} with the time they were fetched. An entry records the full identity it answers, so
 * two names that sanitise to the same key never borrow each other's answer.
 *
 * <p>Each entry is the service's own JSON ({@code body}) with its HTTP status, so a shipped snapshot can be read
 * and checked against the services' documentation by a person.
 */
public final class AnswerCache {

    public static final String PREFIX = StoreKeys.DEPENDENCY_CACHE;
    static final int PARALLEL = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A cached answer: the service's status and body, and whether it is older than its time to live. */
    public record Entry(int status, JsonNode body, Instant fetchedAt, boolean stale) {
    }

    private final ObjectStore store;
    private final Clock clock;

    public AnswerCache(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The key for an answer: {@code parts} are sanitised one by one. */
    public static String key(String service, String... parts) {
        return StoreKeys.dependencyCache(service, parts);
    }

    public Optional<Entry> get(String key, String identity, Duration ttl) {
        if (store == null) {
            return Optional.empty();
        }
        try {
            Optional<byte[]> bytes = store.get(key);
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            JsonNode doc = JSON.readTree(bytes.get());
            if (!identity.equals(doc.path("identity").asText())) {
                return Optional.empty();
            }
            Instant fetched = Instant.parse(doc.path("fetchedAt").asText());
            boolean stale = fetched.plus(ttl).isBefore(clock.instant());
            return Optional.of(new Entry(doc.path("status").asInt(200), doc.path("body"), fetched, stale));
        } catch (IOException | RuntimeException e) {
            // a corrupt or unreadable entry is a miss, never a failure of the scan
            return Optional.empty();
        }
    }

    /** One lookup for {@link #getMany}. */
    public record Lookup(String key, String identity, Duration ttl) {
    }

    /** One write for {@link #putMany}. */
    public record Put(String key, String identity, int status, JsonNode body) {
    }

    /**
     * Many lookups at once, {@value #PARALLEL} at a time on virtual threads: against S3 a warm scan of 2,000 packages
     * is 4,000 reads, which one after the other would take minutes.
     */
    public Map<String, Entry> getMany(List<Lookup> lookups) {
        Map<String, Entry> out = new ConcurrentHashMap<>();
        if (store == null || lookups.isEmpty()) {
            return out;
        }
        parallel(lookups, l -> get(l.key(), l.identity(), l.ttl()).ifPresent(e -> out.put(l.key(), e)));
        return out;
    }

    /** Many writes at once, in parallel like {@link #getMany}; a failed write is only a future cache miss. */
    public void putMany(List<Put> puts) {
        if (store == null || puts.isEmpty()) {
            return;
        }
        parallel(puts, p -> put(p.key(), p.identity(), p.status(), p.body()));
    }

    private static <T> void parallel(List<T> items, Consumer<T> action) {
        if (items.size() == 1) {
            action.accept(items.get(0));
            return;
        }
        Semaphore permits = new Semaphore(PARALLEL);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                pool.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        action.accept(item);
                    } catch (RuntimeException e) {
                        // get and put already turn store faults into misses; nothing else may escape a cache call
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }

    public void put(String key, String identity, int status, JsonNode body) {
        if (store == null) {
            return;
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.put("identity", identity);
        doc.put("fetchedAt", clock.instant().toString());
        doc.put("status", status);
        doc.set("body", body == null ? JSON.nullNode() : body);
        try {
            store.put(key, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc), "application/json");
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written costs a repeated request next time, nothing more
        }
    }
}
