package dev.lastmile.functions.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.store.RunDocument;
import dev.lastmile.functions.common.CheckFunctionHarness;
import org.junit.jupiter.api.Test;

/** The impact function over the demo pull request, fed the root events/sqs-scan-job.json, against S3Proxy and ElasticMQ. */
class ImpactCheckFunctionTest {

    @Test
    void theDemoPullRequestIsScannedStoredAndReported() {
        RunDocument run = CheckFunctionHarness.assertScansStoresAndReportsTheDemoPullRequest(ImpactCheckFunction::new, CheckFamily.IMPACT);
        // the same findings `lastmile demo` reports for this family (README, examples/demo)
        assertThat(CheckFunctionHarness.newFindings(run)).containsExactly("IMP001 models/staging/stg_customers.sql:8",
                "IMP020 models/marts/customer_revenue.sql:12", "IMP030 models/marts/customer_revenue.sql:1",
                "IMP031 models/marts/customer_revenue.sql:1");
        assertThat(run.run().findings()).filteredOn(f -> f.ruleId().equals("IMP001")).singleElement().satisfies(f -> assertThat(f.message())
                .contains("`created_at` renamed to `signed_up_at` in stg_customers: model customer_cohorts reads c.created_at")
                .contains("Exposure reached: growth_dashboard."));
        assertThat(run.run().incomplete()).isEmpty();
        assertThat(run.failing()).isNotEmpty();
    }
}
