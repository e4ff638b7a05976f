package dev.lastmile.functions.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The GitHub App's secrets, kept together in one Secrets Manager secret as JSON:
 * {@code {"appId": "123456", "privateKey": "-----BEGIN RSA PRIVATE KEY-----...", "webhookSecret": "..."}}.
 * {@link #toString()} never prints them.
 */
public record GitHubAppSecret(String appId, String privateKeyPem, String webhookSecret) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Optional Secrets Manager endpoint override (LocalStack); unset or empty in AWS. */
    public static final String ENDPOINT_VARIABLE = "LASTMILE_SECRETS_ENDPOINT";

    public static GitHubAppSecret parse(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json == null ? "" : json);
        } catch (IOException e) {
            throw new IllegalStateException("the GitHub App secret is not JSON (expected appId, privateKey, webhookSecret)");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalStateException("the GitHub App secret must be a JSON object with appId, privateKey, webhookSecret");
        }
        String appId = n.path("appId").isNumber() ? n.path("appId").asText() : n.path("appId").asText(null);
        return new GitHubAppSecret(appId, n.path("privateKey").asText(null), n.path("webhookSecret").asText(null));
    }

    /**
     * Reads the secret now, with the function's credentials. Functions do not call this in a constructor (see
     * {@link GitHubAppSecrets}, which reads it on use, after SnapStart's restore).
     */
    public static GitHubAppSecret fetch(String secretId) {
        return parse(reader(secretId).get());
    }

    /**
     * A reader of the secret's JSON: building it reads nothing. Credentials are resolved on each read (the SDK's
     * provider caches them), so a SnapStart snapshot carries no credentials of the publishing environment.
     */
    static java.util.function.Supplier<String> reader(String secretId) {
        String region = System.getenv("AWS_REGION");
        String r = region == null || region.isBlank() ? "us-east-1" : region;
        AwsCredentialsProvider credentials = System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create() : DefaultCredentialsProvider.builder().build();
        SecretsManagerReader reader = new SecretsManagerReader(SecretsManagerReader.endpoint(r, System.getenv(ENDPOINT_VARIABLE)),
                r, credentials);
        return () -> reader.secretString(secretId);
    }

    /** The JSON form {@link #parse} reads (tests and fixed secrets). */
    public String toJson() {
        com.fasterxml.jackson.databind.node.ObjectNode n = MAPPER.createObjectNode();
        n.put("appId", appId);
        n.put("privateKey", privateKeyPem);
        n.put("webhookSecret", webhookSecret);
        return n.toString();
    }

    /** The App id, when the secret names one (it wins over the template's GitHubAppId parameter: see GitHubAccess). */
    public java.util.Optional<String> optionalAppId() {
        return appId == null || appId.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(appId.strip());
    }

    /**
     * The key of the secrets check's keyed hashes, derived from the App's secret (HMAC-SHA256 of a fixed label): the
     * same in every Lambda container of one installation, so fingerprints of credential findings stay stable across
     * runs (GitHub code scanning and the reports match them), and unknown to anyone without the App's secret.
     */
    public byte[] fingerprintKey() {
        String material = webhookSecret != null && !webhookSecret.isBlank() ? webhookSecret : privateKeyPem;
        if (material == null || material.isBlank()) {
            return null;
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(material.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("lastmile/secrets-fingerprint/v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public String requireWebhookSecret() {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalStateException("the GitHub App secret has no webhookSecret");
        }
        return webhookSecret;
    }

    @Override
    public String toString() {
        return "GitHubAppSecret[appId=" + appId + ", privateKey=" + (privateKeyPem == null ? "absent" : "***")
                + ", webhookSecret=" + (webhookSecret == null ? "absent" : "***") + "]";
    }
}
