package dev.lastmile.functions.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.store.RunDocument;
import dev.lastmile.functions.common.CheckFunctionHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The licenses function over the demo pull request, fed the root events/sqs-scan-job.json, against S3Proxy and ElasticMQ. */
class LicenseCheckFunctionTest {

    @Test
    void theDemoPullRequestIsScannedStoredAndReported() {
        RunDocument run = CheckFunctionHarness.assertScansStoresAndReportsTheDemoPullRequest(LicenseCheckFunction::new, CheckFamily.LICENSES);
        // requirements.txt pins ultralytics 8.0.200 (AGPL-3.0, denied by the demo's policy) and pyyaml 5.3.1
        // (CVE-2020-14343). With deps.dev and OSV reachable both are findings; without, each package the check could
        // not look up is an incomplete note, never a silent pass.
        assertThat(run.run().filesScanned()).isPositive();
        List<String> judged = new java.util.ArrayList<>(run.run().incomplete());
        run.run().findings().forEach(f -> judged.add(f.message()));
        assertThat(String.join("\n", judged)).containsIgnoringCase("ultralytics").containsIgnoringCase("pyyaml");
        if (run.run().incomplete().isEmpty()) {
            assertThat(CheckFunctionHarness.newFindings(run)).contains("DEP001 requirements.txt:9", "DEP010 requirements.txt:8");
        }
    }
}
