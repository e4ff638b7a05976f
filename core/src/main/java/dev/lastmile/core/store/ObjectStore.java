package dev.lastmile.core.store;

import java.util.List;
import java.util.Optional;

/**
 * Blobs under keys: the only storage primitive lastmile needs. Implementations: a local directory
 * ({@link LocalObjectStore}) and S3 ({@code adapters/s3-store}). Keys are built by {@link StoreKeys} only, so they are
 * always sanitised. Implementations must be safe for concurrent use.
 */
public interface ObjectStore {

    void put(String key, byte[] data, String contentType);

    /** Writes only if nothing is stored under {@code key} yet; returns false when something was. Atomic. */
    boolean putIfAbsent(String key, byte[] data, String contentType);

    /**
     * As {@link #putIfAbsent(String, byte[], String)}, and where the store can, locked against deletion and overwrite
     * until {@code retainUntil} (S3 Object Lock, governance mode). A store that cannot lock (a local directory) writes
     * the object plainly. Used for the audit trail ({@link AuditTrail}).
     */
    default boolean putIfAbsentRetained(String key, byte[] data, String contentType, java.time.Instant retainUntil) {
        return putIfAbsent(key, data, contentType);
    }

    Optional<byte[]> get(String key);

    /** Every key that starts with {@code prefix}, in lexical order. */
    List<String> list(String prefix);

    void delete(String key);

    /** Where the store lives, for messages: a directory, or {@code s3://bucket/prefix}. */
    String location();
}
