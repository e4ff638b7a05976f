package dev.lastmile.aws.s3;

import dev.lastmile.core.store.ObjectStore;
import dev.lastmile.core.store.StoreKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} in one S3 bucket, under an optional key prefix ({@code lastmile/}). Keys handed in are
 * store keys ({@link StoreKeys#checked}); the prefix is added on the way in and removed on the way out, so callers
 * see the same keys as with {@code LocalObjectStore}.
 *
 * <p>{@link #putIfAbsent} is an S3 conditional write ({@code If-None-Match: *}): S3 answers 412 when the key exists,
 * which makes it safe for idempotency markers written by several Lambda instances at once.
 */
public final class S3ObjectStore implements ObjectStore {

    /** S3 answers 409 ConditionalRequestConflict while another conditional write of the same key is in flight. */
    private static final int CONFLICT_RETRIES = 3;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Integer pageSize;

    /**
     * @param s3     a client built once (see {@link S3Clients})
     * @param bucket the bucket's name
     * @param prefix a key prefix; empty or null for none; a trailing {@code /} is added when missing
     */
    public S3ObjectStore(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, null);
    }

    /** With a list page size below S3's 1,000, so tests can prove the pagination. */
    S3ObjectStore(S3Client s3, String bucket, String prefix, Integer pageSize) {
        this.pageSize = pageSize;
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 bucket name is required");
        }
        this.bucket = bucket;
        this.prefix = normalisePrefix(prefix);
    }

    static String normalisePrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return "";
        }
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return "";
        }
        if (!p.endsWith("/")) {
            p = p + "/";
        }
        StoreKeys.checked(p.substring(0, p.length() - 1));
        return p;
    }

    public String bucket() {
        return bucket;
    }

    public String prefix() {
        return prefix;
    }

    private String objectKey(String key) {
        return prefix + StoreKeys.checked(key);
    }

    @Override
    public void put(String key, byte[] data, String contentType) {
        s3.putObject(request(key, contentType, false), RequestBody.fromBytes(data));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, String contentType) {
        return putIfAbsentRetained(key, data, contentType, null);
    }

    /**
     * A conditional write that also locks the object in governance mode until {@code retainUntil} (the bucket must have
     * Object Lock enabled; the template's bucket policy refuses an audit record without it).
     */
    @Override
    public boolean putIfAbsentRetained(String key, byte[] data, String contentType, java.time.Instant retainUntil) {
        PutObjectRequest request = request(key, contentType, true);
        if (retainUntil != null) {
            // S3 refuses a locked upload without an integrity header (Content-MD5 or a flexible checksum); the
            // clients here send checksums only when required, so the request asks for one itself
            request = request.toBuilder().objectLockMode(software.amazon.awssdk.services.s3.model.ObjectLockMode.GOVERNANCE)
                    .objectLockRetainUntilDate(retainUntil)
                    .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32).build();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(request, RequestBody.fromBytes(data));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    return false;
                }
                if (e.statusCode() == 409 && attempt < CONFLICT_RETRIES) {
                    sleepQuietly(50L * attempt);
                    continue;
                }
                if (e.statusCode() == 409) {
                    // a concurrent writer kept winning: it holds the key, so ours is not the first
                    return false;
                }
                throw e;
            }
        }
    }

    private PutObjectRequest request(String key, String contentType, boolean onlyIfAbsent) {
        PutObjectRequest.Builder b = PutObjectRequest.builder()
                .bucket(bucket)
                .key(objectKey(key))
                .contentType(contentType == null ? "application/octet-stream" : contentType);
        if (onlyIfAbsent) {
            b.ifNoneMatch("*");
        }
        return b.build();
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(objectKey(key)).build())
                    .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<String> list(String keyPrefix) {
        String full = prefix + (keyPrefix == null ? "" : keyPrefix);
        List<String> keys = new ArrayList<>();
        // the paginator follows continuation tokens: S3 returns at most 1,000 keys a page
        for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(full).maxKeys(pageSize).build())
                .contents()) {
            keys.add(o.key().substring(prefix.length()));
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(objectKey(key)));
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
