package dev.lastmile.check.dependencies.testing;

import dev.lastmile.core.store.ObjectStore;
import dev.lastmile.core.store.StoreKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** An {@link ObjectStore} in memory, for tests that need a cache without a directory. */
public final class MemoryStore implements ObjectStore {

    private final Map<String, byte[]> blobs = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] data, String contentType) {
        blobs.put(StoreKeys.checked(key), data.clone());
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, String contentType) {
        return blobs.putIfAbsent(StoreKeys.checked(key), data.clone()) == null;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(blobs.get(StoreKeys.checked(key))).map(byte[]::clone);
    }

    @Override
    public List<String> list(String prefix) {
        return blobs.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public void delete(String key) {
        blobs.remove(key);
    }

    @Override
    public String location() {
        return "memory";
    }

    public int size() {
        return blobs.size();
    }
}
