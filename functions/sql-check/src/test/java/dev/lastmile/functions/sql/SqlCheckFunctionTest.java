package dev.lastmile.functions.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.store.RunDocument;
import dev.lastmile.functions.common.CheckFunctionHarness;
import org.junit.jupiter.api.Test;

/** The sql function over the demo pull request, fed the root events/sqs-scan-job.json, against S3Proxy and ElasticMQ. */
class SqlCheckFunctionTest {

    @Test
    void theDemoPullRequestIsScannedStoredAndReported() {
        RunDocument run = CheckFunctionHarness.assertScansStoresAndReportsTheDemoPullRequest(SqlCheckFunction::new, CheckFamily.SQL);
        // the same findings `lastmile demo` reports for this family (README, examples/demo)
        assertThat(CheckFunctionHarness.newFindings(run)).containsExactly(
                "SQL001 models/marts/customer_orders.sql:3", "SQL002 models/marts/customer_contacts.sql:5",
                "SQL002 models/marts/customer_contacts.sql:6", "SQL002 models/marts/us/customer_export.sql:10",
                "SQL003 models/marts/newsletter_audience.sql:5", "SQL010 macros/payment_maintenance.sql:20",
                "SQL011 macros/payment_maintenance.sql:34", "SQL012 scripts/backfill_payments.py:14",
                "SQL013 macros/payment_maintenance.sql:8", "SQL014 macros/payment_maintenance.sql:26",
                "SQL014 macros/union_all_tables.sql:6", "SQL015 macros/payment_maintenance.sql:14",
                "SQL019 scripts/export_orders.py:7", "SQL020 models/marts/recent_revenue.sql:7",
                "SQL021 models/marts/order_payment_match.sql:11", "SQL022 models/marts/fct_order_payments.sql:11",
                "SQL030 analyses/reset_test_payments.sql:3", "SQL031 models/marts/payments_by_country.sql:7",
                "SQL032 models/marts/customer_orders.sql:3", "SQL090 analyses/ltv_forecast.sql:3",
                "SQL091 models/events/all_events.sql:1", "SQL092 models/events/schema.yml:7");
        assertThat(run.run().incomplete()).isEmpty();
        assertThat(run.failing()).isNotEmpty();
    }
}
