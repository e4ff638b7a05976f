package dev.lastmile.functions.secrets;

import dev.lastmile.functions.common.CheckFunctionHarness;
import org.junit.jupiter.api.Test;

/** The secrets function over the demo pull request, fed the root events/sqs-scan-job.json, against S3Proxy and ElasticMQ. */
class SecretsCheckFunctionTest {

    @Test
    void theDemoPullRequestIsScannedStoredAndReported() {
        CheckFunctionHarness.assertScansStoresAndReportsTheDemoPullRequest(SecretsCheckFunction::new, "secrets", "lastmile/credentials");
    }
}
