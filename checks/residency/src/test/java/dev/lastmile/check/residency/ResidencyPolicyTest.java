package dev.lastmile.check.residency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.check.residency.policy.ResidencyPolicy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.policy.Policy;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The residency section is parsed strictly, errors naming file, line and key; the schema documents the same keys. */
class ResidencyPolicyTest {

    private static ResidencyPolicy parse(String yaml) {
        return ResidencyPolicy.from(PolicyLoader.parse(".lastmile.yml", yaml));
    }

    @Test
    void aCompletePolicyParses() {
        ResidencyPolicy p = parse("""
                residency:
                  target: prod
                  zones:
                    eu: {description: GDPR, locations: [EU, eu-central-1]}
                    ch: {locations: switzerlandnorth}
                  assets:
                    - {zone: eu, sources: [crm], models: ["models/eu/**"], relations: ["raw-eu.crm"], buckets: ["s3://a-eu"], resources: ["aws_glue_job.*"]}
                  meta_key: region_zone
                  tags: {GDPR: eu}
                  locations: {"raw-eu.crm": EU, "s3://landing": eu-west-1}
                  accounts: {Acme-EU: eu-central-1}
                  deploy_regions: {"cfn/**": [eu-central-1]}
                """);
        assertThat(p.target()).contains("prod");
        assertThat(p.zones()).containsOnlyKeys("eu", "ch");
        assertThat(p.metaKey()).isEqualTo("region_zone");
        assertThat(p.tags()).containsEntry("gdpr", "eu");
        assertThat(p.accounts()).containsKey("acme-eu");
        assertThat(p.locationOf("raw-eu.crm.customers", false)).map(l -> l.display()).contains("EU");
        assertThat(p.locationOf("s3://landing/2024/x.csv", true)).map(l -> l.display()).contains("eu-west-1");
        assertThat(p.deployRegions("cfn/stack.yaml")).hasSize(1);
        assertThat(p.deployRegions("other.yaml")).isEmpty();
    }

    @Test
    void anUnknownLocationNamesFileLineAndKey() {
        assertThatThrownBy(() -> parse("""
                residency:
                  zones:
                    eu:
                      locations: [EU, europe-west33]
                """)).isInstanceOf(PolicyException.class)
                .hasMessageContaining(".lastmile.yml").hasMessageContaining("4")
                .hasMessageContaining("residency.zones.eu.locations[1]").hasMessageContaining("europe-west33");
    }

    @Test
    void anUndeclaredZoneInAssetsIsAnError() {
        assertThatThrownBy(() -> parse("""
                residency:
                  zones:
                    eu: {locations: [EU]}
                  assets:
                    - {zone: us, sources: [crm]}
                """)).isInstanceOf(PolicyException.class).hasMessageContaining("unknown zone 'us'")
                .hasMessageContaining("residency.assets[0].zone");
    }

    @Test
    void unknownKeysSuggestTheClosest() {
        assertThatThrownBy(() -> parse("""
                residency:
                  zone:
                    eu: {locations: [EU]}
                """)).isInstanceOf(PolicyException.class).hasMessageContaining("did you mean 'zones'");
        assertThatThrownBy(() -> parse("""
                residency:
                  zones:
                    eu: {locations: [EU], location: [EU]}
                """)).isInstanceOf(PolicyException.class).hasMessageContaining("residency.zones.eu.location");
    }

    @Test
    void releaseValuesCannotNameAZone() {
        assertThatThrownBy(() -> parse("residency:\n  zones:\n    public: {locations: [EU]}\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("reserved");
    }

    @Test
    void aZoneNeedsLocations() {
        assertThatThrownBy(() -> parse("""
                residency:
                  zones:
                    eu: {description: x}
                """)).isInstanceOf(PolicyException.class).hasMessageContaining("needs 'locations'");
    }

    @Test
    void theCheckValidatesThePolicyBeforeReadingFiles() {
        assertThatThrownBy(() -> new ResidencyCheck().validatePolicy(PolicyLoader.parse(".lastmile.yml", """
                residency:
                  zones:
                    EU: {locations: [EU]}
                """))).isInstanceOf(PolicyException.class).hasMessageContaining("lower case");
    }

    @Test
    void theJsonSchemaDocumentsExactlyTheKeysThePolicyAccepts() throws Exception {
        try (InputStream in = Policy.class.getResourceAsStream("lastmile-policy.schema.json")) {
            JsonNode residency = Json.MAPPER.readTree(in).path("properties").path("residency");
            Set<String> documented = new HashSet<>();
            residency.path("properties").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).isEqualTo(ResidencyPolicy.KEYS);
            assertThat(residency.path("additionalProperties").asBoolean(true)).isFalse();
        }
    }
}
