package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo repository's pull request (examples/demo: base/ then pr/ laid over it, as {@code lastmile demo} builds
 * it) shows credential findings with rotation advice, and the base's env_var profile stays quiet.
 */
class DemoTest {

    private static final Path DEMO = Path.of("").toAbsolutePath().getParent().getParent().resolve("examples/demo");

    private static void load(InMemorySource src, String revision, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                src.put(revision, dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
    }

    @Test
    void thePullRequestShowsCredentialFindingsWithRotationAdvice() throws IOException {
        InMemorySource src = new InMemorySource("demo/shop");
        load(src, "base", DEMO.resolve("base"));
        load(src, "head", DEMO.resolve("base"));
        load(src, "head", DEMO.resolve("pr"));
        ScanResult r = new ScanEngine().scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, 1, null,
                List.of(new SecretsCheck()), null));
        List<Finding> f = r.findings();

        assertThat(f).anyMatch(x -> x.path().equals("profiles.yml") && x.line() == 24 && x.ruleId().equals("SEC001")
                && x.message().contains("'client_secret'") && x.status() == FindingStatus.NEW);
        assertThat(f).anyMatch(x -> x.path().equals("profiles.yml") && x.line() == 25 && x.ruleId().equals("SEC001"));
        assertThat(f).noneMatch(x -> x.path().equals("profiles.yml") && x.line() < 16);
        assertThat(f).anyMatch(x -> x.path().equals("scripts/sync_crm.py") && x.ruleId().equals("SEC002"));
        assertThat(f).anyMatch(x -> x.path().equals("notebooks/payments_exploration.ipynb") && x.line() == 24
                && x.message().contains("'PAYMENTS_API_TOKEN'"));
        assertThat(f).filteredOn(x -> x.category() == dev.lastmile.core.model.Category.CREDENTIALS && !x.ruleId().equals("SEC013"))
                .allSatisfy(x -> assertThat(x.remediation()).containsIgnoringCase("rotate"));
        assertThat(f).as("only the files that show a credential rule report one")
                .filteredOn(x -> x.category() == dev.lastmile.core.model.Category.CREDENTIALS)
                .allSatisfy(x -> assertThat(x.path()).isIn("profiles.yml", "scripts/sync_crm.py",
                        "notebooks/payments_exploration.ipynb"));
        assertThat(f).as("the demo's deliberately broken schema.yml is read line by line, and says so")
                .anyMatch(x -> x.path().equals("models/events/schema.yml") && x.ruleId().equals("SEC090"));
        assertThat(r.failed()).isTrue();
    }
}
