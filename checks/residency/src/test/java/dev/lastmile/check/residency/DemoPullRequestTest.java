package dev.lastmile.check.residency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo repository (examples/demo: base/ is main, pr/ laid over it) judged as `lastmile demo` judges it, with the
 * policy of its base: the pull request copies EU customers into a US dataset, and the finding shows the lineage.
 */
class DemoPullRequestTest {

    static final Path DEMO = Path.of("../../examples/demo");

    static InMemorySource demo() {
        InMemorySource source = new InMemorySource("acme/shop");
        source.revision("base").revision("head");
        load(DEMO.resolve("base"), source, "base");
        load(DEMO.resolve("base"), source, "head");
        load(DEMO.resolve("pr"), source, "head");
        return source;
    }

    private static void load(Path dir, InMemorySource source, String revision) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                source.put(revision, dir.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void thePullRequestCopiesEuCustomersIntoTheUsAndTheFindingShowsTheLineage() {
        ScanResult result = new ScanEngine().scan(new ScanEngine.Request(demo(), "base", "head", ScanMode.PULL_REQUEST,
                null, null, List.of(new ResidencyCheck()), null));
        List<Finding> findings = result.findings();

        assertThat(findings).filteredOn(f -> f.ruleId().equals("RES001")).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("models/marts/us/customer_export.sql");
            assertThat(f.line()).isEqualTo(6);
            assertThat(f.status()).isEqualTo(FindingStatus.NEW);
            assertThat(f.message()).contains("source('crm','customers') [eu] → stg_customers → analytics_exports.customer_export [US]")
                    .contains("google_bigquery_dataset.exports in infra/bigquery_us.tf");
        });
        // BigQuery would refuse the query too: EU staging views, a US destination
        assertThat(findings).filteredOn(f -> f.ruleId().equals("RES004"))
                .anySatisfy(f -> assertThat(f.path()).isEqualTo("models/marts/us/customer_export.sql"));
        // the other marts of the pull request stay in the EU target and are not residency problems
        assertThat(findings).filteredOn(f -> !f.path().equals("models/marts/us/customer_export.sql")).isEmpty();
        assertThat(result.runs()).allSatisfy(r -> assertThat(r.incomplete()).isEmpty());
    }
}
