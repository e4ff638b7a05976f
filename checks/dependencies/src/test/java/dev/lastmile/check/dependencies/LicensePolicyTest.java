package dev.lastmile.check.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.model.Severity;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LicensePolicyTest {

    private static Policy policy(String yaml) {
        return PolicyLoader.parse(".lastmile.yml", yaml);
    }

    @Test
    void readsEveryKey() {
        LicensePolicy p = LicensePolicy.from(policy("""
                licenses:
                  deny: [forbidden, "SSPL-*"]
                  review: [restricted]
                  allow: [notice, "LicenseRef-Acme-*"]
                  ignore_packages: ["pypi/internal-*"]
                  dev_dependencies: false
                  vulnerabilities:
                    min_severity: high
                    ignore: [GHSA-8q59-q68h-6hv4]
                  depsdev_url: https://deps.example.com/
                  osv_url: https://osv.example.com
                  cache_ttl_hours: 6
                """));
        assertThat(p.devDependencies()).isFalse();
        assertThat(p.minVulnerabilitySeverity()).isEqualTo(Severity.HIGH);
        assertThat(p.ignoredAdvisories()).containsExactly("GHSA-8q59-q68h-6hv4");
        assertThat(p.depsDevUrl()).contains(URI.create("https://deps.example.com"));
        assertThat(p.osvUrl()).contains(URI.create("https://osv.example.com"));
        assertThat(p.vulnerabilityTtl()).isEqualTo(Duration.ofHours(6));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "licenses:\\n  alow: [MIT] => line 2, .*licenses.alow.*did you mean 'allow'",
            "licenses:\\n  deny: [\"GNU GPL v3\"] => line 2, .*licenses.deny\\[0\\].*neither a license category",
            "licenses:\\n  osv_url: ftp://x => line 2, .*licenses.osv_url.*http\\(s\\) URL",
            "licenses:\\n  vulnerabilities:\\n    min_severity: severe => line 3, .*licenses.vulnerabilities.min_severity",
            "licenses:\\n  cache_ttl_hours: -1 => line 2, .*cache_ttl_hours",
            "licenses:\\n  ignore_packages: [\"\"] => line 2, .*empty package glob",
    })
    void errorsNameTheLineAndKey(String yaml, String pattern) {
        Policy p = policy(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> new DependencyCheck(DependencyOptions.fromEnvironment()).validatePolicy(p))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(e.getMessage().replace('\n', ' ')).containsPattern(pattern));
    }

    @Test
    void cacheDirectoryFollowsXdg() {
        assertThat(DependencyOptions.cacheDirectory(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "/home/u"))
                .isEqualTo(Path.of("/var/cache/me/lastmile"));
        assertThat(DependencyOptions.cacheDirectory(Map.of("XDG_CACHE_HOME", "relative"), "/home/u"))
                .isEqualTo(Path.of("/home/u/.cache/lastmile"));
        assertThat(DependencyOptions.cacheDirectory(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.cache/lastmile"));
    }

    @Test
    void environmentUrlsWinOverThePolicy() {
        DependencyOptions o = DependencyOptions.fromEnvironment(Map.of("LASTMILE_DEPSDEV_URL", "http://localhost:1/",
                "LASTMILE_OSV_URL", "http://localhost:2"), "/home/u");
        assertThat(o.depsDevUrl()).isEqualTo(URI.create("http://localhost:1"));
        assertThat(o.osvUrl()).isEqualTo(URI.create("http://localhost:2"));
        assertThat(o.offline()).isFalse();
    }
}
