package dev.lastmile.github;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The GitHub App's JSON Web Token, signed RS256 with the JDK's own crypto: {@code iat} 60 s in the past (GitHub's
 * advice against clock drift), {@code exp} 9 minutes ahead (GitHub refuses more than 10), {@code iss} the App id.
 */
public final class AppJwt {

    static final long BACKDATE_SECONDS = 60;
    static final long LIFETIME_SECONDS = 9 * 60;

    private AppJwt() {
    }

    public static String create(String appId, PrivateKey key, Instant now) {
        if (appId == null || !appId.matches("[0-9A-Za-z._-]{1,64}")) {
            throw new IllegalArgumentException("the GitHub App id must be its number or client id");
        }
        long iat = now.getEpochSecond() - BACKDATE_SECONDS;
        long exp = now.getEpochSecond() + LIFETIME_SECONDS;
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iat\":" + iat + ",\"exp\":" + exp + ",\"iss\":\"" + appId + "\"}");
        String signingInput = header + "." + payload;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the App JWT: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the App's private key as GitHub hands it out (PEM, PKCS#1 {@code BEGIN RSA PRIVATE KEY}) or converted to
     * PKCS#8 ({@code BEGIN PRIVATE KEY}). The JDK reads only PKCS#8, so a PKCS#1 key is wrapped in the PKCS#8
     * structure first. The message of a failure never contains key material.
     */
    public static PrivateKey privateKey(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("no GitHub App private key");
        }
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException("the GitHub App private key is not a PEM RSA key");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the GitHub App private key is not valid base64");
        }
        try {
            byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the GitHub App private key cannot be read as RSA");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier rsaEncryption NULL, OCTET STRING pkcs1 }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] octets = der(0x04, pkcs1);
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(version);
        inner.writeBytes(algorithm);
        inner.writeBytes(octets);
        return der(0x30, inner.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write((n >> 8) & 0xff);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
