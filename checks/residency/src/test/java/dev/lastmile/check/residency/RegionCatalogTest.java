package dev.lastmile.check.residency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.residency.location.AccountLocations;
import dev.lastmile.check.residency.location.Location;
import dev.lastmile.check.residency.location.RegionCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The region vocabulary's traps: multi-regions, aliases, provider spellings, warehouse account identifiers. */
class RegionCatalogTest {

    private final RegionCatalog c = RegionCatalog.get();

    private Location loc(String name) {
        return c.resolve(name).orElseThrow(() -> new AssertionError("unresolved " + name));
    }

    @Test
    void anEuZoneThatAllowsTheEuMultiRegionAllowsItsMembersButNotLondonOrZurich() {
        List<Location> eu = List.of(loc("EU"), loc("europe-west1"));
        assertThat(c.allows(eu, loc("EU"))).isTrue();
        assertThat(c.allows(eu, loc("europe-west1"))).isTrue();
        assertThat(c.allows(eu, loc("europe-west3"))).isTrue();      // Frankfurt is a member of EU
        assertThat(c.allows(eu, loc("europe-west2"))).isFalse();     // London is not
        assertThat(c.allows(eu, loc("europe-west6"))).isFalse();     // Zurich is not
        assertThat(c.allows(eu, loc("eu-central-1"))).isFalse();     // an AWS region is not a GCP multi-region member
    }

    @Test
    void theUsMultiRegionIsOutsideAUsWest2OnlyZone() {
        List<Location> west = List.of(loc("us-west2"));
        assertThat(c.allows(west, loc("US"))).isFalse();
        assertThat(c.outside(west, loc("US"))).contains("us-central1").doesNotContain("us-west2");
        assertThat(c.allows(west, loc("us-west2"))).isTrue();
    }

    @Test
    void aMultiRegionIsInsideAZoneListingAllItsMembers() {
        assertThat(c.allows(List.of(loc("europe-north1"), loc("europe-west4")), loc("EUR4"))).isTrue();
        assertThat(c.allows(List.of(loc("europe-west4")), loc("EUR4"))).isFalse();
    }

    @Test
    void aliasesOfTheSameRegion() {
        assertThat(loc("EUROPE-WEST3")).isEqualTo(loc("europe-west3"));
        assertThat(loc("europe-west3-a")).isEqualTo(loc("europe-west3"));
        assertThat(loc("gcp:europe-west3")).isEqualTo(loc("europe-west3"));
        assertThat(loc("eu")).isEqualTo(loc("EU"));
        assertThat(loc("eu-central-1a")).isEqualTo(loc("eu-central-1"));
        assertThat(loc("West Europe")).isEqualTo(loc("westeurope"));
        assertThat(loc("aws:eu-central-1").provider()).isEqualTo("aws");
        assertThat(loc("aws-us-east-1")).isEqualTo(loc("aws:us-east-1"));     // BigQuery Omni
        assertThat(loc("azure-eastus2")).isEqualTo(loc("azure:eastus2"));
        assertThat(c.resolve("europe-west33")).isEmpty();
        assertThat(c.resolve("gcp:eu-central-1")).isEmpty();
    }

    @Test
    void snowflakeAccountIdentifiers() {
        AccountLocations a = new AccountLocations(c, Map.of("acme-analytics_eu", loc("eu-central-1")));
        assertThat(a.snowflake("xy12345")).contains(loc("aws:us-west-2"));
        assertThat(a.snowflake("xy12345.eu-central-1")).contains(loc("aws:eu-central-1"));
        assertThat(a.snowflake("xy12345.us-east-2.aws")).contains(loc("aws:us-east-2"));
        assertThat(a.snowflake("xy12345.east-us-2.azure")).contains(loc("azure:eastus2"));
        assertThat(a.snowflake("xy12345.west-europe.azure.snowflakecomputing.com")).contains(loc("westeurope"));
        assertThat(a.snowflake("xy12345.europe-west4.gcp")).contains(loc("gcp:europe-west4"));
        assertThat(a.snowflake("https://xy12345.eu-west-1.privatelink.snowflakecomputing.com")).contains(loc("eu-west-1"));
        assertThat(a.snowflake("AWS_EU_CENTRAL_1")).contains(loc("eu-central-1"));
        assertThat(a.snowflake("acme-analytics_eu")).contains(loc("eu-central-1"));
        assertThat(a.snowflake("ACME-ANALYTICS_EU")).contains(loc("eu-central-1"));
        assertThat(a.snowflake("acme-analytics_us")).isEmpty();   // org-account: only the policy can say
    }

    @Test
    void dottedRelationsAreTablesNotColumns() {
        assertThat(ResidencyModel.dottedRelations(
                "select extract(year from o.ordered_at), a.x is distinct from b.x\n"
                        + "from `shop-raw.crm.customers` c join analytics.orders o on o.id = c.id\n"
                        + "-- from commented.out_table\n")).containsExactly("shop-raw.crm.customers", "analytics.orders");
    }

    @Test
    void redshiftAndDatabricksHosts() {
        AccountLocations a = new AccountLocations(c, Map.of("adb-1234.5.azuredatabricks.net", loc("westeurope")));
        assertThat(a.redshift("analytics.abc123xyz.eu-west-1.redshift.amazonaws.com")).contains(loc("eu-west-1"));
        assertThat(a.redshift("wg.123456789012.us-east-1.redshift-serverless.amazonaws.com")).contains(loc("us-east-1"));
        assertThat(a.redshift("localhost")).isEmpty();
        assertThat(a.databricks("https://adb-1234.5.azuredatabricks.net/")).contains(loc("westeurope"));
        assertThat(a.databricks("dbc-9999.cloud.databricks.com")).isEmpty();
    }
}
