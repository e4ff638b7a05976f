package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.provenance.AuthoredBy;
import dev.lastmile.core.provenance.CommitProvenance;
import dev.lastmile.core.provenance.Evidence;
import dev.lastmile.core.provenance.Provenance;
import dev.lastmile.core.store.AuditRecord;
import dev.lastmile.core.store.AuditTrail;
import dev.lastmile.core.store.LocalObjectStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    static final Instant AT = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path dir;

    static AuditRecord record(int pr, Instant at, AuditRecord.Event event, String id) {
        Provenance prov = Provenance.of(List.of(new CommitProvenance("a".repeat(40), true,
                List.of(new Evidence(Evidence.Kind.TRAILER, "Claude Code", "Co-authored-by: Claude <noreply@anthropic.com>")))));
        return new AuditRecord("acme/shop", pr, event, id, at, "h".repeat(40), "b".repeat(40), prov,
                AuditRecord.policyHash("fail_on: high\n"), ".lastmile.yml", null,
                List.of(new AuditRecord.CheckEntry("sql", "pr-" + pr + "-h", "failure", "medium", 1, 1, false)),
                List.of(new AuditRecord.FindingEntry("fp1", "SQL001", "medium", "new", "sql", "models/a.sql", 3, AuthoredBy.AI)),
                List.of(new AuditRecord.SuppressionEntry("fp2", "SEC001", "profiles.yml", 7, "a fixture, not a key", "octocat")),
                new AuditRecord.Approvals(1, List.of(new AuditRecord.Approval("reviewer", at))),
                event == AuditRecord.Event.MERGED ? new AuditRecord.Merge("m".repeat(40), at, "main") : null);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void exportsOnePullRequestOrEverythingSinceADate() {
        AuditTrail trail = new AuditTrail(new LocalObjectStore(dir));
        trail.append(record(42, AT, AuditRecord.Event.CHECKS_COMPLETED, "pr-42-h"));
        trail.append(record(42, AT.plusSeconds(3600), AuditRecord.Event.MERGED, "d1"));
        trail.append(record(7, AT.minusSeconds(86_400 * 3), AuditRecord.Event.CHECKS_COMPLETED, "pr-7-h"));

        Run pr = run("audit", "--store", dir.toString(), "--repo", "Acme/Shop", "--pr", "42");
        assertThat(pr.code()).isZero();
        JsonNode doc = Json.parse(pr.out());
        assertThat(doc.path("schema").asText()).isEqualTo("lastmile/audit-export/v1");
        assertThat(doc.path("auditRecords")).extracting(r -> r.path("event").asText()).containsExactly("checks-completed", "merged");
        assertThat(doc.path("auditRecords").get(1).path("merge").path("commit").asText()).isEqualTo("m".repeat(40));

        Run since = run("audit", "--store", dir.toString(), "--repo", "acme/shop", "--since", "2026-11-24", "--format", "csv");
        assertThat(since.code()).isZero();
        List<String> lines = since.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("at,repository,pull_request,event");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(",42,checks-completed,").contains("trailer:Claude Code").contains("sql=failure")
                .contains("octocat").contains("reviewer");
        assertThat(lines.get(2)).contains(",merged,").contains("m".repeat(40));
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        Run r = run("audit", "--store", dir.toString(), "--repo", "acme/shop", "--since", "yesterday");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err().strip()).isEqualTo("lastmile: --since yesterday: expected yyyy-MM-dd or an ISO-8601 instant");
        Run f = run("audit", "--store", dir.toString(), "--repo", "acme/shop", "--format", "xml");
        assertThat(f.err().strip()).isEqualTo("lastmile: --format xml: expected json or csv");
        Run missing = run("audit", "--store", dir.resolve("nope").toString(), "--repo", "acme/shop");
        assertThat(missing.err().strip()).isEqualTo("lastmile: --store " + dir.resolve("nope") + ": no such directory");
        Run repo = run("audit", "--store", dir.toString(), "--repo", "shop");
        assertThat(repo.code()).isEqualTo(Main.USAGE);
        assertThat(repo.err().lines().count()).isEqualTo(1);
    }

    /**
     * The record is written to S3 (S3Proxy) by the store's writer and exported by the command line in a JVM of its own,
     * pointed at S3Proxy the documented way ({@code LASTMILE_S3_ENDPOINT}).
     */
    @Test
    void aRecordRoundTripsThroughS3AndTheCommandLine() throws Exception {
        try (S3ProxyFixture s3 = S3ProxyFixture.start()) {
            S3ObjectStore store = new S3ObjectStore(s3.createBucket("evidence"), "evidence", "lastmile");
            AuditRecord written = record(42, AT, AuditRecord.Event.CHECKS_COMPLETED, "pr-42-h");
            assertThat(new AuditTrail(store).append(written)).isPresent();
            assertThat(new AuditTrail(store).append(written)).as("never overwritten").isEmpty();

            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "audit",
                    "--store", "s3://evidence/lastmile", "--repo", "acme/shop", "--pr", "42"));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("LASTMILE_S3_ENDPOINT", s3.endpoint().toString());
            pb.environment().put("AWS_REGION", "us-east-1");
            pb.environment().put("AWS_ACCESS_KEY_ID", "test");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
            Process p = pb.start();
            byte[] stdout = p.getInputStream().readAllBytes();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(stderr).isZero();
            JsonNode exported = Json.parse(new String(stdout, StandardCharsets.UTF_8)).path("auditRecords").get(0);
            AuditRecord back = AuditRecord.parse(Json.compact(exported).getBytes(StandardCharsets.UTF_8));
            assertThat(back.tree()).isEqualTo(written.tree());
        }
    }
}
