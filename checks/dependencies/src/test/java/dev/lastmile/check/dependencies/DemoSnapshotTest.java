package dev.lastmile.check.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.store.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pull request (examples/demo: base/ as main, pr/ laid over it), judged exactly as {@code lastmile demo}
 * will: offline, over a copy of the shipped answers in examples/demo/cache/.
 */
class DemoSnapshotTest {

    private static final Path DEMO = Path.of("../../examples/demo");

    @TempDir
    Path copy;

    @Test
    void theDemoPullRequestReportsTheAgplPackageAndTheVulnerableVersionWithAdvice() throws IOException {
        copyTree(DEMO.resolve("cache"), copy);
        DependencyCheck check = new DependencyCheck(new DependencyOptions(new LocalObjectStore(copy), true, null, null,
                null));

        InMemorySource source = new InMemorySource("demo/shop");
        source.revision("base").revision("head");
        load(source, "base", DEMO.resolve("base"));
        load(source, "head", DEMO.resolve("base"));
        load(source, "head", DEMO.resolve("pr"));
        CheckRun run = new ScanEngine().scan(new ScanEngine.Request(source, "base", "head", ScanMode.PULL_REQUEST, null,
                Policy.defaults(), List.of(check), null)).runs().get(0);

        assertThat(run.incomplete()).as("the snapshot answers everything the demo asks").isEmpty();
        List<String> lines = Files.readAllLines(DEMO.resolve("pr/requirements.txt"));
        int pyyaml = lines.indexOf("pyyaml==5.3.1") + 1;
        int ultralytics = lines.indexOf("ultralytics==8.0.200") + 1;
        assertThat(run.findings()).extracting(f -> f.ruleId() + " " + f.path() + ":" + f.line())
                .containsExactlyInAnyOrder("DEP010 requirements.txt:" + pyyaml, "DEP001 requirements.txt:" + ultralytics);
        Finding vuln = run.findings().stream().filter(f -> f.ruleId().equals("DEP010")).findFirst().orElseThrow();
        assertThat(vuln.message()).contains("CVE-2020-14343").contains("Upgrade pyyaml to 5.4 or later");
        assertThat(vuln.remediation()).contains("5.4");
        Finding license = run.findings().stream().filter(f -> f.ruleId().equals("DEP001")).findFirst().orElseThrow();
        assertThat(license.message()).contains("AGPL-3.0");
        assertThat(license.remediation()).contains("allowed license");
    }

    private static void load(InMemorySource source, String revision, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                source.put(revision, root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
