package dev.lastmile.functions.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * Secrets Manager's {@code GetSecretValue}, the one call lastmile makes to it, signed with the SDK's SigV4 signer and
 * sent with the JDK's HTTP client. The full Secrets Manager client would add 700 KB and its own initialisation to
 * every function's cold start for a call made once.
 */
final class SecretsManagerReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http;

    SecretsManagerReader(URI endpoint, String region, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The endpoint of a region, or the override (LocalStack, tests). */
    static URI endpoint(String region, String override) {
        if (override != null && !override.isBlank()) {
            return URI.create(override.endsWith("/") ? override : override + "/");
        }
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://secretsmanager." + region + "." + suffix + "/");
    }

    String secretString(String secretId) {
        String body = MAPPER.createObjectNode().put("SecretId", secretId).toString();
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder send = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signed.request().forEachHeader((name, values) -> {
            // the JDK client sets these itself and refuses them as user headers
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> send.header(name, v));
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(send.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Secrets Manager unreachable at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the GitHub App secret", e);
        }
        JsonNode answer;
        try {
            answer = MAPPER.readTree(response.body());
        } catch (IOException e) {
            answer = MAPPER.nullNode();
        }
        if (response.statusCode() != 200) {
            // the error type and message name the problem (AccessDenied, ResourceNotFound) without any secret
            throw new IllegalStateException("Secrets Manager answered " + response.statusCode() + " for " + secretId + ": "
                    + answer.path("__type").asText("") + " " + answer.path("message").asText(answer.path("Message").asText("")));
        }
        String value = answer.path("SecretString").asText(null);
        if (value == null) {
            throw new IllegalStateException("secret " + secretId + " has no SecretString (binary secrets are not supported)");
        }
        return value;
    }
}
