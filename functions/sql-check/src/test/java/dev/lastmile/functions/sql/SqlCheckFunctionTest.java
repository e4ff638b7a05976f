package dev.lastmile.functions.sql;

import dev.lastmile.functions.common.CheckFunctionHarness;
import org.junit.jupiter.api.Test;

/** The sql function over the demo pull request, fed the root events/sqs-scan-job.json, against S3Proxy and ElasticMQ. */
class SqlCheckFunctionTest {

    @Test
    void theDemoPullRequestIsScannedStoredAndReported() {
        CheckFunctionHarness.assertScansStoresAndReportsTheDemoPullRequest(SqlCheckFunction::new, "sql", "lastmile/sql");
    }
}
