package dev.lastmile.functions.licenses;

import dev.lastmile.functions.common.CheckFunctionHarness;
import org.junit.jupiter.api.Test;

/** The licenses function over the demo pull request, fed the root events/sqs-scan-job.json, against S3Proxy and ElasticMQ. */
class LicenseCheckFunctionTest {

    @Test
    void theDemoPullRequestIsScannedStoredAndReported() {
        CheckFunctionHarness.assertScansStoresAndReportsTheDemoPullRequest(LicenseCheckFunction::new, "licenses", "lastmile/dependencies");
    }
}
