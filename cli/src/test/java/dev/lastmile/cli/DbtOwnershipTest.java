package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.residency.ResidencyCheck;
import dev.lastmile.check.sql.SqlCheck;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * checks/dbt is the one owner of a dbt project: the SQL check and the residency check read the same profile, wherever
 * the repository keeps it, and so agree on the dialect. Here the profile sits in {@code .dbt/profiles.yml}.
 */
class DbtOwnershipTest {

    private static InMemorySource project(String profilePath) {
        InMemorySource s = new InMemorySource("acme/shop");
        s.revision("head");
        s.put("head", "dbt_project.yml", "name: shop\nprofile: shop\n");
        s.put("head", profilePath, """
                shop:
                  target: prod
                  outputs:
                    prod: {type: bigquery, project: shop-analytics, dataset: analytics, location: US}
                """);
        s.put("head", "models/sources.yml", """
                version: 2
                sources:
                  - name: crm
                    database: shop-raw
                    tables: [{name: customers}]
                """);
        // a BigQuery '#' comment, and a dataset in another location than the model's (US): RES004 on BigQuery only
        s.put("head", "models/customers.sql", """
                # customers with their EU orders
                select c.customer_id, o.total
                from {{ source('crm', 'customers') }} c
                join `shop-raw.eu_orders.orders` o using (customer_id)
                """);
        return s;
    }

    private static ScanResult scan(InMemorySource source) {
        var policy = PolicyLoader.parse(".lastmile.yml", """
                residency:
                  locations:
                    "shop-raw.eu_orders.*": EU
                    "shop-raw.crm.*": US
                """);
        return new ScanEngine().scan(new ScanEngine.Request(source, null, "head", ScanMode.FULL, null, policy,
                List.of(new SqlCheck(), new ResidencyCheck()), null));
    }

    @Test
    void bothChecksReadTheProfileInDotDbtAsBigQuery() {
        ScanResult r = scan(project(".dbt/profiles.yml"));
        List<String> rules = r.findings().stream().map(Finding::ruleId).toList();
        // the SQL check parsed the '#' comment as BigQuery's: no "could not be parsed" finding
        assertThat(r.findings()).noneMatch(f -> f.path().equals("models/customers.sql") && f.ruleId().startsWith("SQL09"));
        // the residency check judged BigQuery's one-location rule on the same project
        assertThat(rules).contains("RES004");
    }

    @Test
    void withoutAProfileNeitherCheckAssumesBigQuery() {
        InMemorySource s = project("elsewhere/notes.yml");
        ScanResult r = scan(s);
        assertThat(r.findings()).noneMatch(f -> f.ruleId().equals("RES004"));
    }
}
