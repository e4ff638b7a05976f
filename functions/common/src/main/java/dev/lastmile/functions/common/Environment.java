package dev.lastmile.functions.common;

import java.util.Map;
import java.util.Optional;

/**
 * The function's configuration, read from environment variables whose names are the constants below (the template
 * test checks that every one a function reads is set in {@code infra/template.yaml}). Tests pass a map instead.
 */
public final class Environment {

    /** The findings bucket. */
    public static final String BUCKET = "LASTMILE_BUCKET";
    /** A key prefix inside the bucket ({@code lastmile/}). */
    public static final String STORE_PREFIX = "LASTMILE_STORE_PREFIX";
    /** The reporter's FIFO queue. */
    public static final String REPORT_QUEUE_URL = "LASTMILE_REPORT_QUEUE_URL";
    /** Days each audit record is locked in governance mode (S3 Object Lock); unset or 0 for no lock. */
    public static final String AUDIT_RETENTION_DAYS = "LASTMILE_AUDIT_RETENTION_DAYS";
    /** The GitHub App's id. */
    public static final String GITHUB_APP_ID = "LASTMILE_GITHUB_APP_ID";
    /** The Secrets Manager secret holding the App's private key and webhook secret. */
    public static final String GITHUB_SECRET_ARN = "LASTMILE_GITHUB_SECRET_ARN";
    /** GitHub's REST API root (GitHub Enterprise Server: {@code https://host/api/v3}). */
    public static final String GITHUB_API_URL = "LASTMILE_GITHUB_API_URL";
    /** How many receives the queue allows before the dead-letter queue (the redrive policy's maxReceiveCount). */
    public static final String MAX_RECEIVES = "LASTMILE_MAX_RECEIVES";

    /** The endpoint overrides every function's clients read (empty in AWS, LocalStack under sam local). */
    public static final java.util.List<String> CLIENT_ENDPOINTS = java.util.List.of(
            dev.lastmile.aws.s3.S3Clients.ENDPOINT_VARIABLE, dev.lastmile.aws.sqs.SqsClients.ENDPOINT_VARIABLE,
            GitHubAppSecret.ENDPOINT_VARIABLE);

    private final Map<String, String> values;

    private Environment(Map<String, String> values) {
        this.values = values;
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public static Environment of(Map<String, String> values) {
        return new Environment(Map.copyOf(values));
    }

    public Optional<String> optional(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    public String require(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(
                "environment variable " + name + " is not set (see infra/template.yaml)"));
    }

    public int integer(String name, int fallback) {
        return optional(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("environment variable " + name + " is not a number: " + v);
            }
        }).orElse(fallback);
    }

    /** {@link #AUDIT_RETENTION_DAYS} as a duration; null when unset or 0. */
    public static java.time.Duration auditRetention(Environment env) {
        return env.optional(AUDIT_RETENTION_DAYS).map(String::strip).filter(v -> !v.isEmpty()).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(AUDIT_RETENTION_DAYS + " is not a number of days: " + v);
            }
        }).filter(d -> d > 0).map(java.time.Duration::ofDays).orElse(null);
    }
}
