package dev.lastmile.functions.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.store.RunDocument;
import dev.lastmile.functions.common.CheckFunctionHarness;
import org.junit.jupiter.api.Test;

/** The secrets function over the demo pull request, fed the root events/sqs-scan-job.json, against S3Proxy and ElasticMQ. */
class SecretsCheckFunctionTest {

    @Test
    void theDemoPullRequestIsScannedStoredAndReported() {
        RunDocument run = CheckFunctionHarness.assertScansStoresAndReportsTheDemoPullRequest(SecretsCheckFunction::new, CheckFamily.SECRETS);
        // the same findings `lastmile demo` reports for this family (README, examples/demo)
        assertThat(CheckFunctionHarness.newFindings(run)).containsExactly(
                "SEC001 notebooks/payments_exploration.ipynb:24", "SEC001 profiles.yml:24", "SEC001 profiles.yml:25",
                "SEC002 scripts/sync_crm.py:10", "SEC090 models/events/schema.yml:7");
        assertThat(run.run().incomplete()).isEmpty();
        assertThat(run.failing()).isNotEmpty();
    }
}
