package dev.lastmile.check.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The JSON Schema's {@code licenses} entry (what editors check) and {@link LicensePolicy} (what runs) agree. */
class LicensesSchemaTest {

    private static JsonSchema schema() throws IOException {
        try (InputStream in = Policy.class.getResourceAsStream("lastmile-policy.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    private static JsonNode yaml(String text) {
        Object doc = new Yaml().load(text);
        return Json.MAPPER.valueToTree(doc == null ? Map.of() : doc);
    }

    @Test
    void documentedPoliciesValidateAndLoad() throws IOException {
        JsonSchema schema = schema();
        for (String ok : List.of("licenses: {}\n", """
                licenses:
                  deny: [forbidden, "SSPL-*"]
                  review: [restricted]
                  allow: [notice, unencumbered, reciprocal, "LicenseRef-Acme-*", "GPL-2.0-only WITH Classpath-exception-2.0"]
                  ignore_packages: ["pypi/internal-*", "@acme/*"]
                  dev_dependencies: false
                  vulnerabilities:
                    min_severity: medium
                    ignore: [GHSA-8q59-q68h-6hv4, CVE-2020-14343]
                  depsdev_url: https://deps.example.com
                  osv_url: http://localhost:8080
                  cache_ttl_hours: 24
                """)) {
            assertThat(schema.validate(yaml(ok))).as(ok).isEmpty();
            new DependencyCheck(DependencyOptions.fromEnvironment()).validatePolicy(PolicyLoader.parse(".lastmile.yml", ok));
        }
    }

    @Test
    void brokenPoliciesFailBoth() throws IOException {
        JsonSchema schema = schema();
        for (String bad : List.of("licenses:\n  alow: [MIT]\n", "licenses:\n  deny: [\"GNU GPL v3\"]\n",
                "licenses:\n  osv_url: ftp://x\n", "licenses:\n  vulnerabilities:\n    min_severity: severe\n",
                "licenses:\n  cache_ttl_hours: 9999\n", "licenses:\n  vulnerabilities:\n    ignored: [x]\n")) {
            assertThat(schema.validate(yaml(bad))).as(bad).isNotEmpty();
            Policy p = PolicyLoader.parse(".lastmile.yml", bad);
            assertThatThrownBy(() -> new DependencyCheck(DependencyOptions.fromEnvironment()).validatePolicy(p))
                    .as(bad).isInstanceOf(PolicyException.class);
        }
    }
}
