package dev.lastmile.aws.sqs;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** Builds the SQS client: URL-connection HTTP client, region from the environment, optional endpoint override. */
public final class SqsClients {

    /** Optional endpoint override (LocalStack, ElasticMQ); unset or empty in AWS. */
    public static final String ENDPOINT_VARIABLE = "LASTMILE_SQS_ENDPOINT";

    private SqsClients() {
    }

    /** Reads {@code LASTMILE_SQS_ENDPOINT} (optional: LocalStack, ElasticMQ) and {@code AWS_REGION}. */
    public static SqsClient fromEnvironment() {
        return fromEnvironment(null);
    }

    /**
     * As {@link #fromEnvironment()}, for a caller with a deadline of its own (the webhook answers GitHub within 10 s):
     * every call, retries included, ends within {@code callTimeout} (null: the SDK's defaults, 30 s sockets).
     */
    public static SqsClient fromEnvironment(Duration callTimeout) {
        String endpoint = System.getenv(ENDPOINT_VARIABLE);
        SqsClientBuilder b = builder(callTimeout);
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint));
        }
        String region = System.getenv("AWS_REGION");
        b.region(Region.of(region == null || region.isBlank() ? "us-east-1" : region));
        return b.credentialsProvider(System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build()).build();
    }

    public static SqsClient forEndpoint(URI endpoint, AwsCredentialsProvider credentials) {
        return forEndpoint(endpoint, credentials, null);
    }

    public static SqsClient forEndpoint(URI endpoint, AwsCredentialsProvider credentials, Duration callTimeout) {
        return builder(callTimeout).endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials).build();
    }

    private static SqsClientBuilder builder(Duration callTimeout) {
        if (callTimeout == null) {
            return SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30)));
        }
        Duration connect = callTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? callTimeout : Duration.ofSeconds(5);
        return SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(connect).socketTimeout(callTimeout))
                // one attempt may take half the budget, so a retry still fits; the whole call never more than all of it
                .overrideConfiguration(c -> c.apiCallTimeout(callTimeout).apiCallAttemptTimeout(callTimeout.dividedBy(2)));
    }
}
