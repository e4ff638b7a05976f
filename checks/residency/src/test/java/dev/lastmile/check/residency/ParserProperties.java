package dev.lastmile.check.residency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.residency.infra.CloudFormation;
import dev.lastmile.check.residency.infra.Hcl;
import dev.lastmile.check.residency.infra.Terraform;
import dev.lastmile.check.residency.location.AccountLocations;
import dev.lastmile.check.residency.location.RegionCatalog;
import dev.lastmile.check.residency.policy.NameGlob;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Every parser of the module takes arbitrary input without throwing anything but its own error, or hanging. */
class ParserProperties {

    /** Text made of the characters HCL and YAML care about, so the generator reaches the tricky paths. */
    @Provide
    Arbitrary<String> hclish() {
        Arbitrary<String> tokens = Arbitraries.of("resource", "\"google_storage_bucket\"", "\"x\"", "{", "}", "[", "]",
                "(", ")", "=", "\n", " ", "\"", "${", "var.region", "#", "//", "/*", "*/", "<<EOF", "<<-EOT", "EOF",
                "EOT", "\\", "location", "\"EU\"", ",", ":", "provider", "\"aws\"", "region", "labels", "tags", "%{",
                "1.5", "true", "null", "é", "\t", "\r\n");
        return tokens.list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 400)
    void hclNeverThrowsAnythingButItsOwnError(@ForAll("hclish") String text) {
        try {
            Hcl.Body body = Hcl.parse(text);
            assertThat(body).isNotNull();
            // a parsed module always yields resources with a location or a reason why not
            new Terraform(RegionCatalog.get(), "residency").resources(List.of(new Terraform.ParsedFile("m/a.tf", body)))
                    .forEach(r -> assertThat(!r.locations().isEmpty() || !r.unknownReason().isEmpty()).isTrue());
        } catch (Hcl.HclException e) {
            assertThat(e.line()).isPositive();
        }
    }

    @Property(tries = 300)
    void hclTakesAnyUnicode(@ForAll @StringLength(max = 300) String text) {
        try {
            Hcl.parse(text);
        } catch (Hcl.HclException e) {
            assertThat(e.line()).isPositive();
        }
    }

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> tokens = Arbitraries.of("AWSTemplateFormatVersion: x\n", "Resources:\n", "  B:\n",
                "    Type: AWS::S3::Bucket\n", "    Properties:\n", "      BucketName: !Sub 'a-${AWS::Region}'\n",
                "      Tags: [{Key: residency, Value: eu}]\n", "  - ", ": ", "{", "}", "[", "]", "&a ", "*a ", "!Ref ",
                "\n", "  ", "'", "\"", "#", "---\n", "? ", "|\n", "\t");
        return tokens.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void cloudFormationNeverThrowsAnythingButItsOwnError(@ForAll("yamlish") String text) {
        try {
            CloudFormation.read("t.yaml", text, List.of());
        } catch (CloudFormation.TemplateException e) {
            assertThat(e.line()).isPositive();
        }
    }

    @Property(tries = 300)
    void exportDirectionNeverThrows(@ForAll @StringLength(max = 200) String sql, @ForAll int at) {
        int i = Math.floorMod(at, sql.length() + 1);
        ResidencyModel.isExport(sql, i);
        ResidencyModel.inLineComment(sql, i);
    }

    @Property(tries = 300)
    void dottedRelationExtractionNeverThrows(@ForAll @StringLength(max = 300) String sql) {
        ResidencyModel.dottedRelations(sql).forEach(t -> assertThat(t).contains("."));
    }

    @Provide
    Arbitrary<String> tomlish() {
        return Arbitraries.of("[default.deploy.parameters]", "[default.global.parameters]", "[prod.deploy.parameters]",
                "region = \"eu-west-1\"", "region='us-east-1'", "region =", "\n", "[", "]", "\"", "#", " ", "stack_name = \"x\"")
                .list().ofMaxSize(30).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void samconfigRegionNeverThrows(@ForAll("tomlish") String toml) {
        dev.lastmile.check.residency.infra.InfrastructureReader.samRegion(toml).ifPresent(r -> assertThat(r).doesNotContain("\""));
    }

    @Property(tries = 500)
    void locationNamesResolveOrNotWithoutThrowing(@ForAll @StringLength(max = 100) String name) {
        RegionCatalog.get().resolve(name).ifPresent(l -> assertThat(RegionCatalog.get().resolve(l.id())).contains(l));
        AccountLocations accounts = new AccountLocations(RegionCatalog.get(), Map.of());
        accounts.snowflake(name);
        accounts.redshift(name);
        accounts.databricks(name);
    }

    @Property(tries = 300)
    void globsCompileAndMatchWithoutThrowing(@ForAll @StringLength(max = 40) String glob, @ForAll @StringLength(max = 60) String name) {
        NameGlob.relation(glob).matcher(name).matches();
        NameGlob.storage(glob).matcher(name).matches();
        NameGlob.source(glob).matcher(name).matches();
    }

    @Property(tries = 200)
    void everyCatalogLocationResolvesFromItsOwnSpellings(@ForAll("catalogIds") String id) {
        RegionCatalog c = RegionCatalog.get();
        var l = c.byId(id).orElseThrow();
        assertThat(c.resolve(l.display())).contains(l);
        assertThat(c.resolve(l.display().toUpperCase(java.util.Locale.ROOT))).contains(l);
        assertThat(c.resolve(" " + l.id() + " ")).contains(l);
        assertThat(c.allows(List.of(l), l)).isTrue();
    }

    @Provide
    Arbitrary<String> catalogIds() {
        return Arbitraries.of(RegionCatalog.get().all().stream().map(l -> l.id()).toList());
    }
}
