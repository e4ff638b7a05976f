package dev.lastmile.check.secrets.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of secret values: HMAC-SHA256, so a published hash cannot be brute-forced back to a short password
 * by anyone without the key. The key comes from {@code LASTMILE_FINGERPRINT_KEY}; without it, from a per-installation
 * key file created on first use ({@code $XDG_CONFIG_HOME/lastmile/fingerprint.key} or
 * {@code ~/.config/lastmile/fingerprint.key}); where no file can be written (a read-only Lambda), from a random key
 * for this process only, so hashes are still unguessable though not stable across runs.
 */
public final class SecretHasher {

    public static final String ENV_KEY = "LASTMILE_FINGERPRINT_KEY";

    private final byte[] key;

    public SecretHasher(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("the fingerprint key must not be empty");
        }
        this.key = key.clone();
    }

    /** The installation's hasher, as described in the class comment. */
    public static SecretHasher fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The hasher for an explicit environment (tests, and callers that pass a key map). */
    public static SecretHasher fromEnvironment(Map<String, String> env) {
        String k = env.get(ENV_KEY);
        if (k != null && !k.isBlank()) {
            return new SecretHasher(k.getBytes(StandardCharsets.UTF_8));
        }
        return InstallationKey.KEY;
    }

    /** Hex HMAC-SHA256 of {@code value}. */
    public String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Plain SHA-256 hex of a value: the form a person can compute for the policy's {@code allowed_values}. */
    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Lazily loaded once per JVM (Lambda init phase). */
    private static final class InstallationKey {
        static final SecretHasher KEY = new SecretHasher(load());

        private static byte[] load() {
            Path file = keyFile();
            try {
                if (file != null && Files.isRegularFile(file)) {
                    byte[] existing = Files.readAllBytes(file);
                    if (existing.length >= 16) {
                        return existing;
                    }
                }
            } catch (IOException | SecurityException e) {
                // fall through to a fresh key
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                if (file != null) {
                    Files.createDirectories(file.getParent());
                    Path tmp = Files.createTempFile(file.getParent(), ".key-", ".tmp");
                    try {
                        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system; the directory's permissions apply
                    }
                    Files.write(tmp, fresh);
                    try {
                        Files.move(tmp, file); // no REPLACE: a concurrent first run keeps the winner's key
                    } catch (IOException raced) {
                        Files.deleteIfExists(tmp);
                        return Files.readAllBytes(file);
                    }
                }
            } catch (IOException | SecurityException e) {
                // read-only home: this process's random key is still unguessable
            }
            return fresh;
        }

        private static Path keyFile() {
            try {
                String xdg = System.getenv("XDG_CONFIG_HOME");
                String home = System.getProperty("user.home");
                Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                        : home != null && !home.isBlank() ? Path.of(home, ".config") : null;
                return base == null ? null : base.resolve("lastmile").resolve("fingerprint.key");
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
