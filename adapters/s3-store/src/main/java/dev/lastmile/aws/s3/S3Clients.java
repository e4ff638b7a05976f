package dev.lastmile.aws.s3;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the S3 client the functions use: the URL-connection HTTP client (no Netty, fast to load), the region from
 * the Lambda environment, and, for tests and {@code sam local}, an endpoint override with path-style access.
 */
public final class S3Clients {

    /** Optional endpoint override (LocalStack, S3Proxy); unset or empty in AWS. */
    public static final String ENDPOINT_VARIABLE = "LASTMILE_S3_ENDPOINT";

    private S3Clients() {
    }

    /** A client for AWS itself: region from {@code AWS_REGION}, default credentials chain. */
    public static S3Client forAws() {
        return builder(null, null).build();
    }

    /**
     * A client for an S3-compatible endpoint (S3Proxy, LocalStack, MinIO): path-style, region {@code us-east-1}
     * unless given, and checksums only when an operation requires them (S3Proxy answers 501 to the newer ones).
     */
    public static S3Client forEndpoint(URI endpoint, String region) {
        return builder(endpoint, region).build();
    }

    /** As {@link #forEndpoint(URI, String)} with explicit credentials (tests, S3Proxy). */
    public static S3Client forEndpoint(URI endpoint, String region, AwsCredentialsProvider credentials) {
        return builder(endpoint, region).credentialsProvider(credentials).build();
    }

    /**
     * In Lambda the credentials are in the environment; reading them directly skips the default chain's profile,
     * SSO and container lookups, which cost cold-start time.
     */
    static AwsCredentialsProvider credentials() {
        return System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }

    /** Reads {@code LASTMILE_S3_ENDPOINT} (optional) so the same code runs against AWS, LocalStack or S3Proxy. */
    public static S3Client fromEnvironment() {
        String endpoint = System.getenv(ENDPOINT_VARIABLE);
        return endpoint == null || endpoint.isBlank() ? forAws() : forEndpoint(URI.create(endpoint), System.getenv("AWS_REGION"));
    }

    /**
     * As {@link #fromEnvironment()}, for a caller with a deadline of its own (the webhook answers GitHub within 10 s):
     * every call, retries included, ends within {@code callTimeout}.
     */
    public static S3Client fromEnvironment(Duration callTimeout) {
        String endpoint = System.getenv(ENDPOINT_VARIABLE);
        var b = builder(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint), System.getenv("AWS_REGION"));
        Duration connect = callTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? callTimeout : Duration.ofSeconds(5);
        return b.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(connect).socketTimeout(callTimeout))
                .overrideConfiguration(c -> c.apiCallTimeout(callTimeout).apiCallAttemptTimeout(callTimeout.dividedBy(2)))
                .build();
    }

    private static software.amazon.awssdk.services.s3.S3ClientBuilder builder(URI endpoint, String region) {
        var b = S3Client.builder()
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)));
        if (endpoint != null) {
            b.endpointOverride(endpoint)
                    .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        } else if (System.getenv("AWS_REGION") != null) {
            b.region(Region.of(System.getenv("AWS_REGION")));
        }
        return b;
    }
}
