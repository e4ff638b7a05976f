package dev.lastmile.functions.common;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** GetSecretValue as Secrets Manager's JSON protocol documents it, signed SigV4. */
class SecretsManagerReaderTest {

    private WireMockServer aws;
    private SecretsManagerReader reader;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().dynamicPort());
        aws.start();
        reader = new SecretsManagerReader(SecretsManagerReader.endpoint("eu-west-1", aws.baseUrl()), "eu-west-1",
                StaticCredentialsProvider.create(AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token")));
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    @Test
    void readsTheSecretStringWithASignedRequest() {
        aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:1:secret:lastmile-x\",\"Name\":\"lastmile\",\"SecretString\":\"{\\\"appId\\\":\\\"1\\\"}\",\"VersionId\":\"v\"}")));

        assertThat(reader.secretString("lastmile")).isEqualTo("{\"appId\":\"1\"}");

        aws.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("X-Amz-Security-Token", equalTo("session-token"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/secretsmanager/aws4_request, SignedHeaders=.*x-amz-target.*, Signature=[0-9a-f]{64}"))
                .withRequestBody(equalToJson("{\"SecretId\":\"lastmile\"}")));
    }

    @Test
    void errorsNameTheAwsErrorType() {
        aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withBody("{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified secret.\"}")));
        assertThatThrownBy(() -> reader.secretString("missing")).hasMessageContaining("400")
                .hasMessageContaining("ResourceNotFoundException").hasMessageContaining("can't find");
    }

    @Test
    void regionalEndpoints() {
        assertThat(SecretsManagerReader.endpoint("eu-west-1", null)).isEqualTo(URI.create("https://secretsmanager.eu-west-1.amazonaws.com/"));
        assertThat(SecretsManagerReader.endpoint("cn-north-1", "")).isEqualTo(URI.create("https://secretsmanager.cn-north-1.amazonaws.com.cn/"));
        assertThat(SecretsManagerReader.endpoint("us-east-1", "http://localhost:4566")).isEqualTo(URI.create("http://localhost:4566/"));
    }
}
