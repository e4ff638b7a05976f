package dev.lastmile.check.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.client.Cvss;
import dev.lastmile.check.dependencies.client.HttpJson;
import dev.lastmile.check.dependencies.client.HttpJsonAccess;
import dev.lastmile.check.dependencies.testing.MemoryStore;
import dev.lastmile.check.dependencies.testing.TestAnswers;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Whole-check robustness: whatever a manifest holds, {@code run} returns, and nothing is silently passed. */
class CheckProperties {

    private static final DependencyCheck CHECK = TestAnswers.offlineCheck(new MemoryStore());

    @Property(tries = 60)
    void anyManifestContentYieldsAResultNeverAnException(@ForAll("names") String name,
                                                          @ForAll @StringLength(max = 300) String content) {
        InMemorySource source = new InMemorySource("p/q");
        source.revision("base").revision("head");
        source.put("head", name, content);
        CheckRun run = new ScanEngine().scan(new ScanEngine.Request(source, "base", "head", ScanMode.PULL_REQUEST,
                null, Policy.defaults(), List.of(CHECK), null)).runs().get(0);
        assertThat(run.filesScanned()).isEqualTo(1);
        // offline over an empty cache only a malformed-manifest finding is possible, on the file itself, and for
        // binary-looking content the note that it was not fully read
        assertThat(run.findings()).allSatisfy(f -> {
            assertThat(f.ruleId()).isIn("DEP090", "LM003");
            assertThat(f.path()).isEqualTo(name);
        });
    }

    @Property(tries = 200)
    void cvssNeverThrows(@ForAll("vectors") String vector) {
        Cvss.baseScore(vector).ifPresent(s -> assertThat(s).isBetween(0.0, 10.0));
    }

    @Property(tries = 200)
    void retryAfterNeverThrowsNorGoesNegative(@ForAll @StringLength(max = 40) String header) {
        HttpJson http = new HttpJson(HttpClient.newHttpClient(), HttpJson.Settings.defaults(), d -> { },
                TestAnswers.CLOCK);
        HttpJsonAccess.retryAfter(http, header).ifPresent(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("requirements.txt", "pyproject.toml", "poetry.lock", "Pipfile.lock", "uv.lock",
                "package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "pom.xml", "gradle.lockfile",
                "go.mod", "packages.yml", "dependencies.yml");
    }

    @Provide
    Arbitrary<String> vectors() {
        Arbitrary<String> part = Arbitraries.of("CVSS:3.1", "CVSS:3.0", "AV:N", "AV:X", "AC:L", "AC:H", "PR:N", "PR:H",
                "UI:R", "S:U", "S:C", "S:Q", "C:H", "I:L", "A:N", "A:", ":", "");
        return part.list().ofMaxSize(10).map(l -> String.join("/", l));
    }
}
