package dev.lastmile.functions.residency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.store.RunDocument;
import dev.lastmile.functions.common.CheckFunctionHarness;
import org.junit.jupiter.api.Test;

/** The residency function over the demo pull request, fed the root events/sqs-scan-job.json, against S3Proxy and ElasticMQ. */
class ResidencyCheckFunctionTest {

    @Test
    void theDemoPullRequestIsScannedStoredAndReported() {
        RunDocument run = CheckFunctionHarness.assertScansStoresAndReportsTheDemoPullRequest(ResidencyCheckFunction::new, CheckFamily.RESIDENCY);
        // the same findings `lastmile demo` reports for this family (README, examples/demo)
        assertThat(CheckFunctionHarness.newFindings(run)).containsExactly(
                "RES001 models/marts/us/customer_export.sql:6", "RES004 models/marts/us/customer_export.sql:13");
        assertThat(run.run().incomplete()).isEmpty();
        assertThat(run.failing()).isNotEmpty();
    }
}
