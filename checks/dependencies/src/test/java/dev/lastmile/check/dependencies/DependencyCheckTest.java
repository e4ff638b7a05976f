package dev.lastmile.check.dependencies;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lastmile.check.dependencies.testing.MemoryStore;
import dev.lastmile.check.dependencies.testing.TestAnswers;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the YAML cases cannot say: modes, includes, de-duplication, the incomplete list, the network end to end. */
class DependencyCheckTest {

    private final DependencyCheck offline = TestAnswers.offlineCheck(TestAnswers.standard());

    private static CheckRun scan(DependencyCheck check, ScanMode mode, Map<String, String> base, Map<String, String> head) {
        InMemorySource source = new InMemorySource("acme/shop");
        source.revision("base").revision("head");
        base.forEach((p, t) -> source.put("base", p, t));
        head.forEach((p, t) -> source.put("head", p, t));
        ScanResult r = new ScanEngine().scan(new ScanEngine.Request(source, "base", "head", mode, null,
                Policy.defaults(), List.of(check), null));
        return r.runs().get(0);
    }

    private static List<String> summary(CheckRun run) {
        return run.findings().stream().map(f -> f.ruleId() + " " + f.path() + ":" + f.line()).toList();
    }

    @Test
    void pullRequestJudgesOnlyWhatItAddsOrChanges() {
        CheckRun run = scan(offline, ScanMode.PULL_REQUEST,
                Map.of("requirements.txt", "pyyaml==5.3.1\n"),
                Map.of("requirements.txt", "pyyaml==5.3.1\nultralytics==8.0.200\n"));
        assertThat(summary(run)).containsExactly("DEP001 requirements.txt:2");
        assertThat(run.incomplete()).isEmpty();
    }

    @Test
    void aChangedVersionIsJudgedAgain() {
        CheckRun run = scan(offline, ScanMode.PULL_REQUEST,
                Map.of("requirements.txt", "pyyaml==6.0.1\n"),
                Map.of("requirements.txt", "pyyaml==5.3.1\n"));
        assertThat(summary(run)).containsExactly("DEP010 requirements.txt:1");
    }

    @Test
    void fullScanJudgesEverything() {
        CheckRun run = scan(offline, ScanMode.FULL, Map.of(),
                Map.of("requirements.txt", "pyyaml==5.3.1\nultralytics==8.0.200\n"));
        assertThat(summary(run)).containsExactlyInAnyOrder("DEP010 requirements.txt:1", "DEP001 requirements.txt:2");
    }

    @Test
    void includedFilesAreJudgedAtTheirOwnPathAndLine() {
        CheckRun run = scan(offline, ScanMode.PULL_REQUEST, Map.of(),
                Map.of("app/requirements.txt", "-r ../constraints/base.txt\nrequests==2.32.3\n",
                        "constraints/base.txt", "# shared pins\npyyaml==5.3.1\n"));
        assertThat(summary(run)).containsExactly("DEP010 constraints/base.txt:2");
    }

    @Test
    void aManifestAndItsLockfileGiveOneFindingWhereThePersonDeclaredIt() {
        CheckRun run = scan(offline, ScanMode.PULL_REQUEST, Map.of(), Map.of(
                "web/package.json", "{\n  \"dependencies\": {\n    \"lodash\": \"^4.17.0\"\n  }\n}\n",
                "web/package-lock.json", """
                        {"lockfileVersion": 3, "packages": {
                          "": {"dependencies": {"lodash": "^4.17.0"}},
                          "node_modules/lodash": {"version": "4.17.20"}
                        }}
                        """));
        assertThat(summary(run)).containsExactly("DEP011 web/package.json:3");
        assertThat(run.findings().get(0).message()).contains("lodash 4.17.20 (^4.17.0 in package.json, pinned by package-lock.json) has a known vulnerability")
                .contains("Upgrade lodash to 4.17.21");
    }

    @Test
    void theSamePackageInTwoProjectsIsReportedInBoth() {
        CheckRun run = scan(offline, ScanMode.PULL_REQUEST, Map.of(), Map.of(
                "ingest/requirements.txt", "ultralytics==8.0.200\n",
                "tagging/requirements.txt", "# lastmile:ignore DEP001 -- licensed commercially, LEG-12\nultralytics==8.0.200\n"));
        assertThat(run.findings()).extracting(f -> f.ruleId() + " " + f.path() + ":" + f.line() + " " + f.status())
                .containsExactlyInAnyOrder("DEP001 ingest/requirements.txt:1 new", "DEP001 tagging/requirements.txt:2 suppressed");
    }

    @Test
    void whatCannotBeCheckedIsListedNeverPassedSilently() {
        CheckRun run = scan(offline, ScanMode.PULL_REQUEST, Map.of(), Map.of("requirements.txt", """
                never-cached==1.0.0
                internal-tool==1.0.0
                acme-loader @ git+https://github.com/acme/loader.git@v2
                """));
        assertThat(run.findings()).isEmpty();
        assertThat(run.incomplete())
                .anyMatch(l -> l.equals("pypi/never-cached@1.0.0: license not checked (offline, not in the cache)"))
                .anyMatch(l -> l.equals("pypi/never-cached@1.0.0: vulnerabilities not checked (offline, not in the cache)"))
                .anyMatch(l -> l.startsWith("pypi/internal-tool@1.0.0: deps.dev does not know this version"))
                .anyMatch(l -> l.contains("acme-loader comes from git+https://github.com/acme/loader.git@v2"));
    }

    @Test
    void binaryAndHugeManifestsAreNotedNotCrashed() {
        String huge = "requests==2.32.3\n".repeat(DependencyCheck.MAX_MANIFEST_CHARS / 17 + 10);
        CheckRun run = scan(offline, ScanMode.PULL_REQUEST, Map.of(), Map.of(
                "requirements.txt", "\u0000\u0001binary",
                "big/requirements.txt", huge));
        // a binary-looking manifest is read as far as it can be and named (issue 14), never skipped in silence
        assertThat(run.findings()).extracting(f -> f.ruleId() + " " + f.path()).contains("LM003 requirements.txt")
                .allMatch(s -> s.startsWith("LM003 ") || s.startsWith("DEP090 "));
        assertThat(run.incomplete()).anyMatch(l -> l.startsWith("requirements.txt: not fully read (binary-looking"))
                .anyMatch(l -> l.startsWith("big/requirements.txt: larger than"));
    }

    @Test
    void devDependenciesCanBeLeftOutByPolicy() {
        InMemorySource source = new InMemorySource("acme/shop");
        source.revision("base").revision("head");
        source.put("head", "requirements-dev.txt", "pyyaml==5.3.1\n");
        Policy policy = dev.lastmile.core.policy.PolicyLoader.parse(".lastmile.yml", "licenses:\n  dev_dependencies: false\n");
        ScanResult r = new ScanEngine().scan(new ScanEngine.Request(source, "base", "head", ScanMode.PULL_REQUEST,
                null, policy, List.of(offline), null));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void onlineAgainstTheServicesEndToEnd() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        try {
            server.stubFor(get(urlEqualTo("/v3/systems/PYPI/packages/ultralytics/versions/8.0.200")).willReturn(okJson(
                    TestAnswers.versionBody("PYPI", "ultralytics", "8.0.200", "AGPL-3.0").toString())));
            server.stubFor(post(urlEqualTo("/v1/querybatch")).willReturn(okJson("{\"results\": [{}]}")));
            MemoryStore cache = new MemoryStore();
            URI base = URI.create(server.baseUrl());
            DependencyCheck online = new DependencyCheck(new DependencyOptions(cache, false, base, base,
                    TestAnswers.CLOCK));

            CheckRun run = scan(online, ScanMode.PULL_REQUEST, Map.of(), Map.of("requirements.txt", "ultralytics==8.0.200\n"));

            assertThat(summary(run)).containsExactly("DEP001 requirements.txt:1");
            Finding f = run.findings().get(0);
            assertThat(f.properties()).containsEntry("purl", "pkg:pypi/ultralytics@8.0.200")
                    .containsEntry("license", "AGPL-3.0");
            assertThat(run.incomplete()).isEmpty();
            assertThat(cache.size()).isEqualTo(2);
            assertThat(server.getAllServeEvents()).hasSize(2);
        } finally {
            server.stop();
        }
    }

    @Test
    void nameAndRunName() {
        assertThat(offline.name()).isEqualTo("licenses");
        assertThat(offline.checkRunName()).isEqualTo("lastmile/dependencies");
    }
}
