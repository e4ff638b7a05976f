package dev.lastmile.functions.pipeline;

import dev.lastmile.aws.s3.S3Clients;
import dev.lastmile.aws.sqs.SqsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The same pipeline scenario on LocalStack's S3 and SQS, where a Docker engine is available. Without one, JUnit
 * reports the class as skipped ("Docker is not available"), not passed.
 */
@Testcontainers(disabledWithoutDocker = true)
class PipelineLocalStackTest extends PipelineScenario {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(LocalStackContainer.Service.S3, LocalStackContainer.Service.SQS);

    private static S3Client s3;
    private static SqsClient sqs;

    @BeforeAll
    static void clients() {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        s3 = S3Clients.forEndpoint(LOCALSTACK.getEndpoint(), LOCALSTACK.getRegion(), credentials);
        sqs = SqsClients.forEndpoint(LOCALSTACK.getEndpoint(), credentials);
    }

    @AfterAll
    static void close() {
        if (s3 != null) {
            s3.close();
            sqs.close();
        }
    }

    @Override
    protected S3Client s3() {
        return s3;
    }

    @Override
    protected SqsClient sqs() {
        return sqs;
    }
}
