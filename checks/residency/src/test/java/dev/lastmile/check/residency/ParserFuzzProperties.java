package dev.lastmile.check.residency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.residency.infra.CloudFormation;
import dev.lastmile.check.residency.infra.Hcl;
import dev.lastmile.check.residency.infra.InfrastructureReader;
import dev.lastmile.check.residency.infra.Terraform;
import dev.lastmile.check.residency.location.RegionCatalog;
import dev.lastmile.core.testing.Adversarial;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The infrastructure readers on adversarial text (issue 14): Terraform HCL, CloudFormation YAML and samconfig TOML
 * with deep nesting, megabyte lines, invalid UTF-8 as lastmile reads it and unclosed strings, heredocs and blocks.
 * Each returns a result or its own error, within a hang-detecting bound.
 */
class ParserFuzzProperties {

    private static final Duration BOUND = Duration.ofSeconds(60); // a hang detector: hangs take hours; loaded CI takes seconds

    @Provide
    Arbitrary<String> hcl() {
        return Adversarial.text(List.of("resource \"google_bigquery_dataset\" \"d\" {\n", "}\n", "location = \"EU\"\n",
                "region = var.region\n", "variable \"region\" {\n", "default = \"europe-west1\"\n", "locals {\n",
                "provider \"aws\" {\n", "module \"m\" {\n", "source = \"./m\"\n", "<<EOT\n", "EOT\n", "<<-EOF\n", "${", "%{",
                "for_each = ", "[for x in y : x]", "{for k, v in m : k => v}", "? :", "dynamic \"x\" {", "/*", "*/", "#",
                "//", "=", "\"", "(", ")", "[", "]", "{", "}", "\\\"", "x.y[0].z", "...", "=>"));
    }

    @Provide
    Arbitrary<String> cloudFormation() {
        return Adversarial.text(List.of("AWSTemplateFormatVersion: x\n", "Resources:\n", "  B:\n", "    Type: AWS::S3::Bucket\n",
                "    Properties:\n", "      BucketName: !Sub 'a-${AWS::Region}'\n", "!Ref ", "!GetAtt ", "!If [", "Fn::Join:",
                "Conditions:\n", "Parameters:\n", "&a ", "*a ", "<<: *a\n", "- ", ": ", "{", "}", "[", "]"));
    }

    @Provide
    Arbitrary<String> samconfig() {
        return Adversarial.text(List.of("[default.deploy.parameters]\n", "region = \"eu-west-1\"\n", "region='us-east-1'\n",
                "[[x]]\n", "stack_name = \"x\"\n", "\"\"\"", "'''", "[", "]", "=", "\\"));
    }

    @Property(tries = 60)
    void terraformEndsInABodyOrItsOwnError(@ForAll("hcl") String text) {
        Hcl.Body body = Adversarial.bounded(BOUND, "Hcl.parse", text, Set.of(Hcl.HclException.class), () -> Hcl.parse(text));
        if (body != null) {
            List<dev.lastmile.check.residency.infra.InfraResource> resources = Adversarial.bounded(BOUND, "Terraform.resources", text, Set.of(),
                    () -> new Terraform(RegionCatalog.get(), "residency")
                            .resources(List.of(new Terraform.ParsedFile("m/a.tf", body))));
            assertThat(resources).isNotNull();
        }
    }

    @Property(tries = 60)
    void cloudFormationEndsInAResultOrItsOwnError(@ForAll("cloudFormation") String text) {
        Adversarial.bounded(BOUND, "CloudFormation.read", text, Set.of(CloudFormation.TemplateException.class),
                () -> CloudFormation.read("t.yaml", text, List.of()));
    }

    @Property(tries = 60)
    void samconfigEnds(@ForAll("samconfig") String text) {
        assertThat(Adversarial.bounded(BOUND, "InfrastructureReader.samRegion", text, Set.of(),
                () -> InfrastructureReader.samRegion(text))).isNotNull();
    }

    /** Found by {@link #samconfigEnds}: a megabyte of line breaks (each line start rescanned the rest with \\s*). */
    @net.jqwik.api.Example
    void samconfigOfAMegabyteOfBlankLinesEnds() {
        String text = "*a\u0000\u0000" + "\n".repeat(1 << 20);
        assertThat(Adversarial.bounded(BOUND, "InfrastructureReader.samRegion", text, Set.of(),
                () -> InfrastructureReader.samRegion(text))).isNotNull();
        String section = "[default.deploy.parameters]\n" + "\n".repeat(1 << 20) + "region = \"eu-west-1\"\n";
        assertThat(InfrastructureReader.samRegion(section)).contains("eu-west-1");
    }
}
