package dev.lastmile.functions.residency;

import dev.lastmile.functions.common.CheckFunctionHarness;
import org.junit.jupiter.api.Test;

/** The residency function over the demo pull request, fed the root events/sqs-scan-job.json, against S3Proxy and ElasticMQ. */
class ResidencyCheckFunctionTest {

    @Test
    void theDemoPullRequestIsScannedStoredAndReported() {
        CheckFunctionHarness.assertScansStoresAndReportsTheDemoPullRequest(ResidencyCheckFunction::new, "residency", "lastmile/residency");
    }
}
