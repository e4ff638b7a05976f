package dev.lastmile.core.util;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Values computed once per key, by the first caller: a caller asking while another thread computes the same key waits
 * for that result instead of computing it again, and a failure is the same failure for every caller. Thread-safe.
 * A computation must not ask for its own key.
 */
public final class Memo<K, V> {

    private final Map<K, FutureTask<V>> tasks = new ConcurrentHashMap<>();

    public V get(K key, Supplier<V> compute) {
        FutureTask<V> task = tasks.get(key);
        if (task == null) {
            FutureTask<V> mine = new FutureTask<>(compute::get);
            task = tasks.putIfAbsent(key, mine);
            if (task == null) {
                task = mine;
                mine.run();
            }
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + key, e);
        }
    }
}
