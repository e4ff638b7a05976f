package dev.lastmile.functions.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body under the webhook
 * secret. Compared in constant time, so the comparison leaks nothing about how much of a forged signature matched.
 */
public final class WebhookSignature {

    private static final String PREFIX = "sha256=";

    private final Supplier<String> secret;
    private final BooleanSupplier refresh;

    public WebhookSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no webhook secret configured");
        }
        this.secret = () -> secret;
        this.refresh = () -> false;
    }

    /**
     * A secret read on use (the Lambda function reads it from Secrets Manager after SnapStart's restore).
     *
     * @param refresh reads the secret again after a mismatch; true when it changed (the secret was rotated)
     */
    public WebhookSignature(Supplier<String> secret, BooleanSupplier refresh) {
        this.secret = secret;
        this.refresh = refresh;
    }

    public String sign(byte[] body) {
        String s = secret.get();
        if (s == null || s.isEmpty()) {
            throw new IllegalStateException("no webhook secret configured");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public boolean verify(byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] given = header.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII), given)) {
            return true;
        }
        // the secret may have been rotated since it was read: read it again (rate-limited by the reader), compare once more
        return refresh.getAsBoolean() && MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII), given);
    }
}
