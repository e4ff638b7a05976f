package dev.lastmile.check.residency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the rule cases cannot say: statuses across files, full scans, repositories without dbt, oversized input. */
class ResidencyCheckTest {

    private static final String POLICY = """
            residency:
              zones:
                eu: {locations: [EU]}
              assets:
                - {zone: eu, sources: [crm]}
            """;

    private static InMemorySource shop() {
        InMemorySource s = new InMemorySource("acme/shop");
        s.revision("base").revision("head");
        for (String rev : List.of("base", "head")) {
            s.put(rev, ".lastmile.yml", POLICY);
            s.put(rev, "dbt_project.yml", "name: shop\nprofile: shop\n");
            s.put(rev, "profiles.yml", "shop:\n  target: prod\n  outputs:\n    prod: {type: bigquery, project: p, dataset: analytics, location: EU}\n");
            s.put(rev, "models/sources.yml", "version: 2\nsources:\n  - name: crm\n    tables: [{name: customers}]\n");
            s.put(rev, "models/stg_customers.sql", "select * from {{ source('crm', 'customers') }}\n");
            s.put(rev, "models/export.sql", "{{ config(schema='exports') }}\nselect * from {{ ref('stg_customers') }}\n");
        }
        s.put("base", "infra/bq.tf", "resource \"google_bigquery_dataset\" \"exports\" {\n  dataset_id = \"analytics_exports\"\n  location = \"EU\"\n}\n");
        return s;
    }

    private static ScanResult scan(InMemorySource s, ScanMode mode) {
        return new ScanEngine().scan(new ScanEngine.Request(s, "base", "head", mode, null, null,
                List.of(new ResidencyCheck()), null));
    }

    @Test
    void aPullRequestThatOnlyMovesADatasetMakesTheUnchangedModelsFindingNew() {
        InMemorySource s = shop();
        s.put("head", "infra/bq.tf", "resource \"google_bigquery_dataset\" \"exports\" {\n  dataset_id = \"analytics_exports\"\n  location = \"US\"\n}\n");
        ScanResult r = scan(s, ScanMode.PULL_REQUEST);
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("RES001")).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("models/export.sql");
            assertThat(f.status()).isEqualTo(FindingStatus.NEW);
            assertThat(f.properties().get(ResidencyRule.EVIDENCE)).contains("infra/bq.tf");
        });
    }

    @Test
    void aPullRequestThatTouchesNoModelInfrastructureOrYamlReportsNothing() {
        InMemorySource s = shop();
        s.put("base", "infra/bq.tf", "resource \"google_bigquery_dataset\" \"exports\" {\n  dataset_id = \"analytics_exports\"\n  location = \"US\"\n}\n");
        s.put("head", "infra/bq.tf", "resource \"google_bigquery_dataset\" \"exports\" {\n  dataset_id = \"analytics_exports\"\n  location = \"US\"\n}\n");
        s.put("head", "README.md", "docs\n");
        ScanResult r = scan(s, ScanMode.PULL_REQUEST);
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("RES001")).isEmpty();
        // the same repository in a full scan has the transfer
        assertThat(scan(s, ScanMode.FULL).findings()).filteredOn(f -> f.ruleId().equals("RES001")).hasSize(1);
    }

    @Test
    void aPullRequestThatBringsZoneDataIntoAnUpstreamModelJudgesTheUnchangedDownstreamModel() {
        InMemorySource s = shop();
        s.put("base", "models/sources.yml", "version: 2\nsources:\n  - name: crm\n    tables: [{name: customers}]\n  - name: web\n    tables: [{name: visits}]\n");
        s.put("head", "models/sources.yml", "version: 2\nsources:\n  - name: crm\n    tables: [{name: customers}]\n  - name: web\n    tables: [{name: visits}]\n");
        s.put("base", "models/stg_customers.sql", "select * from {{ source('web', 'visits') }}\n");
        s.put("base", "infra/bq.tf", "resource \"google_bigquery_dataset\" \"exports\" {\n  dataset_id = \"analytics_exports\"\n  location = \"US\"\n}\n");
        s.put("head", "infra/bq.tf", "resource \"google_bigquery_dataset\" \"exports\" {\n  dataset_id = \"analytics_exports\"\n  location = \"US\"\n}\n");
        // head: stg_customers now reads the EU CRM; export.sql is untouched
        ScanResult r = scan(s, ScanMode.PULL_REQUEST);
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("RES001")).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("models/export.sql");
            assertThat(f.status()).isEqualTo(FindingStatus.NEW);
            assertThat(f.message()).contains("source('crm','customers') [eu] → stg_customers → analytics_exports.export [US]");
        });
    }

    @Test
    void editingAModelOnThePathOfAnExistingTransferLeavesItExisting() {
        InMemorySource s = shop();
        String us = "resource \"google_bigquery_dataset\" \"exports\" {\n  dataset_id = \"analytics_exports\"\n  location = \"US\"\n}\n";
        s.put("base", "infra/bq.tf", us);
        s.put("head", "infra/bq.tf", us);
        s.put("head", "models/stg_customers.sql", "-- add a comment\nselect * from {{ source('crm', 'customers') }}\n");
        ScanResult r = scan(s, ScanMode.PULL_REQUEST);
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("RES001")).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.EXISTING));
    }

    @Test
    void aFullScanJudgesEveryModel() {
        InMemorySource s = shop();
        s.put("head", "infra/bq.tf", "resource \"google_bigquery_dataset\" \"exports\" {\n  dataset_id = \"analytics_exports\"\n  location = \"US\"\n}\n");
        ScanResult r = scan(s, ScanMode.FULL);
        assertThat(r.findings()).extracting(Finding::ruleId).contains("RES001");
        assertThat(r.runs().getFirst().filesScanned()).isEqualTo(3);   // two models and one Terraform file
    }

    @Test
    void aRepositoryWithoutDbtOrInfrastructureIsQuietAndComplete() {
        InMemorySource s = new InMemorySource("acme/empty");
        s.revision("base").revision("head");
        s.put("base", ".lastmile.yml", POLICY);
        s.put("head", ".lastmile.yml", POLICY);
        s.put("head", "src/app.py", "print('hello')\n");
        ScanResult r = scan(s, ScanMode.PULL_REQUEST);
        assertThat(r.findings()).isEmpty();
        assertThat(r.runs().getFirst().incomplete()).isEmpty();
    }

    @Test
    void anOversizedTerraformFileIsReportedNotParsed() {
        InMemorySource s = shop();
        s.put("head", "infra/huge.tf", "# x\n".repeat(ResidencyModel.MAX_INFRA_CHARS / 4 + 10));
        long t0 = System.nanoTime();
        ScanResult r = scan(s, ScanMode.PULL_REQUEST);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("RES090"))
                .anySatisfy(f -> assertThat(f.message()).contains("over the"));
    }

    @Test
    void deeplyNestedTerraformIsAnErrorNotAStackOverflow() {
        InMemorySource s = shop();
        s.put("head", "infra/deep.tf", "a {\n".repeat(5_000));
        ScanResult r = scan(s, ScanMode.PULL_REQUEST);
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("RES090") && f.path().equals("infra/deep.tf")).hasSize(1);
    }
}
