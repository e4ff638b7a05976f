package dev.lastmile.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.core.store.LocalObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The findings store writes the same keys and documents to S3 as to a local directory. */
class FindingsStoreOnS3Test {

    /** A test-only check: one finding per line containing TODO. */
    static final class TodoCheck implements Check {
        static final RuleMeta TODO = new RuleMeta("TST001", "test.todo", Category.SQL_HYGIENE, Severity.MEDIUM,
                "A TODO is left in the code", "Unfinished work ships.", "Finish it or file an issue.");

        @Override
        public String name() {
            return "todo";
        }

        @Override
        public List<RuleMeta> rules() {
            return List.of(TODO);
        }

        @Override
        public CheckResult run(ScanContext context) {
            List<Finding> out = new ArrayList<>();
            for (ChangedFile f : context.filesToScan()) {
                List<String> lines = context.readHead(f.path()).map(dev.lastmile.core.util.Texts::lines).orElse(List.of());
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains("TODO")) {
                        out.add(Finding.of(TODO, f.path(), Region.line(i + 1), "TODO left on line " + (i + 1)));
                    }
                }
            }
            return new CheckResult(out, context.filesToScan().size());
        }
    }

    private static S3ProxyFixture s3proxy;
    private static S3Client client;

    @BeforeAll
    static void start() {
        s3proxy = S3ProxyFixture.start();
        client = s3proxy.createBucket("findings");
    }

    @AfterAll
    static void stop() {
        client.close();
        s3proxy.close();
    }

    static ScanResult scan() {
        InMemorySource source = new InMemorySource("Acme/Shop")
                .put("base", "models/orders.sql", "select 1\n")
                .put("head", "models/orders.sql", "select 1\n-- TODO: dedupe\n")
                .put("head", "models/new.sql", "select 2 -- TODO\n");
        return new ScanEngine().scan(new ScanEngine.Request(source, "base", "head", ScanMode.PULL_REQUEST, 42, null,
                List.of(new TodoCheck()), null));
    }

    @Test
    void savedRunReadsBackWithTheSameKeysAsTheLocalStore(@TempDir Path dir) {
        ScanResult result = scan();
        assertThat(result.findings()).hasSize(2);

        FindingsStore onS3 = new FindingsStore(new S3ObjectStore(client, "findings", "lastmile"));
        FindingsStore local = new FindingsStore(new LocalObjectStore(dir));
        List<FindingsStore.RunKeys> s3Keys = onS3.save("job-7", result);
        List<FindingsStore.RunKeys> localKeys = local.save("job-7", result);

        assertThat(s3Keys).isEqualTo(localKeys);
        assertThat(onS3.objects().list("")).isEqualTo(local.objects().list(""));
        assertThat(onS3.runDocumentKeys("Acme/Shop")).containsExactly("runs/acme/shop/job-7/todo.json");

        FindingsStore.RunKeys keys = s3Keys.getFirst();
        dev.lastmile.core.store.RunDocument run = onS3.readRun(keys.runDocument()).orElseThrow();
        assertThat(run.repository()).isEqualTo("Acme/Shop");
        assertThat(run.pullRequest()).isEqualTo(42);
        assertThat(run.check()).isEqualTo("todo");
        assertThat(run.run().findings()).hasSize(2);
        assertThat(run).isEqualTo(local.readRun(keys.runDocument()).orElseThrow());

        JsonNode sarif = Json.parse(text(onS3, keys.sarif()));
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("runs").get(0).path("results")).hasSize(2);

        List<String> rows = text(onS3, keys.findingRows()).lines().toList();
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(r -> {
            JsonNode row = Json.parse(r);
            assertThat(row.path("jobId").asText()).isEqualTo("job-7");
            assertThat(row.path("ruleId").asText()).isEqualTo("TST001");
        });
        assertThat(keys.findingRows()).startsWith("findings/dt=").contains("/check=todo/acme__shop__job-7.jsonl");
    }

    @Test
    void savingTheSameJobTwiceOverwritesTheSameKeys() {
        FindingsStore onS3 = new FindingsStore(new S3ObjectStore(client, "findings", "rerun"));
        onS3.save("job-8", scan());
        List<String> first = onS3.objects().list("");
        onS3.save("job-8", scan());
        assertThat(onS3.objects().list("")).isEqualTo(first).hasSize(3);
    }

    private static String text(FindingsStore store, String key) {
        return new String(store.objects().get(key).orElseThrow(), StandardCharsets.UTF_8);
    }
}
