package dev.lastmile.aws.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;

/**
 * {@link MessageVisibility} on the SDK's SQS client. The queue URL is derived from the event's queue ARN
 * ({@code arn:aws:sqs:<region>:<account>:<name>}) without a {@code GetQueueUrl} call, which the SQS poller policy
 * does not allow: {@code https://sqs.<region>.amazonaws.com/<account>/<name>}, or the endpoint override's root.
 */
public final class SqsMessageVisibility implements MessageVisibility {

    private final SqsClient sqs;
    private final URI endpoint;

    /**
     * @param endpoint the SQS endpoint override (ElasticMQ, LocalStack), or null for AWS
     */
    public SqsMessageVisibility(SqsClient sqs, URI endpoint) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.endpoint = endpoint;
    }

    /** The SDK client and endpoint override as {@link SqsClients#fromEnvironment()} reads them. */
    public static SqsMessageVisibility fromEnvironment() {
        String endpoint = System.getenv(SqsClients.ENDPOINT_VARIABLE);
        return new SqsMessageVisibility(SqsClients.fromEnvironment(),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint));
    }

    @Override
    public void postpone(String queueArn, String receiptHandle, Duration delay) {
        sqs.changeMessageVisibility(ChangeMessageVisibilityRequest.builder().queueUrl(queueUrl(queueArn, endpoint))
                .receiptHandle(receiptHandle).visibilityTimeout(MessageVisibility.seconds(delay)).build());
    }

    static String queueUrl(String queueArn, URI endpoint) {
        String[] p = queueArn == null ? new String[0] : queueArn.split(":", 6);
        if (p.length != 6 || !p[0].equals("arn") || !p[2].equals("sqs")) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        String root = endpoint != null ? endpoint.toString().replaceAll("/+$", "")
                : "https://sqs." + p[3] + ".amazonaws.com";
        return root + "/" + p[4] + "/" + p[5];
    }
}
