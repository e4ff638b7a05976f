package dev.lastmile.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.provenance.AuthoredBy;
import dev.lastmile.core.provenance.CommitProvenance;
import dev.lastmile.core.provenance.Evidence;
import dev.lastmile.core.provenance.Provenance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    static final Instant AT = Instant.parse("2026-11-25T08:00:00.123Z");
    static final String SECRET = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    @TempDir
    Path dir;

    /** A record with every part filled, as the reporter writes one. */
    static AuditRecord sample(int pr, Instant at, AuditRecord.Event event, String eventId) {
        Finding open = new Finding("SQL001", Category.PII, Severity.HIGH, "t", "m", "models/a.sql", Region.line(3), "",
                "sql", FindingStatus.NEW, "fp-open", null, Map.of(AuditRecord.AUTHORED_BY, "ai"));
        Finding silenced = new Finding("SEC001", Category.CREDENTIALS, Severity.HIGH, "t", "m", "profiles.yml",
                Region.line(7), "", "secrets", FindingStatus.SUPPRESSED, "fp-sup", null,
                Map.of("suppressionReason", "test fixture, token " + SECRET, AuditRecord.SUPPRESSION_AUTHOR, "octocat"));
        List<Finding> findings = List.of(open, silenced);
        Provenance prov = Provenance.of(List.of(
                new CommitProvenance("a".repeat(40), true, List.of(new Evidence(Evidence.Kind.TRAILER, "Claude Code",
                        "Co-authored-by: Claude <noreply@anthropic.com>"))),
                new CommitProvenance("b".repeat(40), false, List.of())));
        return new AuditRecord("Acme/Shop", pr, event, eventId, at, "h".repeat(40), "b".repeat(40), prov,
                AuditRecord.policyHash("fail_on: high\n"), ".lastmile.yml", "stricter AI gate",
                List.of(new AuditRecord.CheckEntry("sql", "pr-" + pr + "-hhh", "failure", "medium", 1, 1, false)),
                AuditRecord.findingEntries(findings, AuditRecord::authoredByProperty),
                AuditRecord.suppressionEntries(findings),
                new AuditRecord.Approvals(2, List.of(new AuditRecord.Approval("reviewer", AT))),
                event == AuditRecord.Event.MERGED ? new AuditRecord.Merge("m".repeat(40), at, "main") : null);
    }

    @Test
    void aRecordRoundTripsThroughTheStoreUnderItsOwnKey() {
        AuditTrail trail = new AuditTrail(new LocalObjectStore(dir));
        AuditRecord r = sample(42, AT, AuditRecord.Event.CHECKS_COMPLETED, "pr-42-hhh");
        String key = trail.append(r).orElseThrow();
        assertThat(key).isEqualTo("audit/acme/shop/pr-42/20261125T080000123Z-checks-completed-pr-42-hhh.json");

        AuditRecord back = trail.read(new AuditTrail.Query("acme/shop", 42, null)).records().getFirst();
        assertThat(back.provenance()).isEqualTo(r.provenance());
        assertThat(back.findings()).isEqualTo(r.findings());
        assertThat(back.findings().getFirst().authoredBy()).isEqualTo(AuthoredBy.AI);
        assertThat(back.checks()).isEqualTo(r.checks());
        assertThat(back.approvals()).isEqualTo(r.approvals());
        assertThat(back.approvals().satisfied()).isFalse();
        assertThat(back.policyHash()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(back.suppressions()).singleElement().satisfies(s -> {
            assertThat(s.author()).isEqualTo("octocat");
            assertThat(s.reason()).startsWith("test fixture, token ");
        });
    }

    @Test
    void noSecretReachesTheRecord() {
        AuditRecord r = sample(42, AT, AuditRecord.Event.CHECKS_COMPLETED, "j");
        assertThat(new String(r.toJson(), StandardCharsets.UTF_8)).doesNotContain(SECRET).contains("test fixture");
    }

    @Test
    void aRecordIsNeverOverwrittenAndEveryEventIsAppended() {
        AuditTrail trail = new AuditTrail(new LocalObjectStore(dir), Duration.ofDays(365));
        assertThat(trail.append(sample(42, AT, AuditRecord.Event.CHECKS_COMPLETED, "j1"))).isPresent();
        AuditRecord retried = sample(42, AT, AuditRecord.Event.CHECKS_COMPLETED, "j1");
        assertThat(trail.append(retried)).as("a retried message keeps the first record").isEmpty();
        assertThat(trail.append(sample(42, AT, AuditRecord.Event.REVIEW, "d1"))).as("same instant, other event").isPresent();
        assertThat(trail.append(sample(42, AT.plusSeconds(60), AuditRecord.Event.MERGED, "d2"))).isPresent();
        assertThat(trail.append(sample(7, AT, AuditRecord.Event.CHECKS_COMPLETED, "j1"))).isPresent();

        AuditTrail.Result pr42 = trail.read(new AuditTrail.Query("acme/shop", 42, null));
        assertThat(pr42.records()).extracting(AuditRecord::event).containsExactly(AuditRecord.Event.CHECKS_COMPLETED,
                AuditRecord.Event.REVIEW, AuditRecord.Event.MERGED);
        assertThat(pr42.records().getLast().merge().commit()).isEqualTo("m".repeat(40));
        assertThat(trail.read(new AuditTrail.Query("acme/shop", null, null)).records()).hasSize(4);
        assertThat(trail.read(new AuditTrail.Query("acme/shop", null, AT.plusSeconds(1))).records())
                .extracting(AuditRecord::event).containsExactly(AuditRecord.Event.MERGED);
        assertThat(trail.read(new AuditTrail.Query("acme/other", null, null)).records()).isEmpty();
    }

    @Test
    void anUnreadableRecordIsNamedNotSkipped() {
        LocalObjectStore store = new LocalObjectStore(dir);
        AuditTrail trail = new AuditTrail(store);
        trail.append(sample(42, AT, AuditRecord.Event.CHECKS_COMPLETED, "j1"));
        String bad = StoreKeys.auditRecord("acme/shop", 42, AT.plusSeconds(5), "review-x");
        store.put(bad, "{\"schema\":\"something/else\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        AuditTrail.Result r = trail.read(new AuditTrail.Query("acme/shop", 42, null));
        assertThat(r.records()).hasSize(1);
        assertThat(r.unreadable()).singleElement().asString().startsWith(bad);
    }

    @Test
    void parseRefusesWhatIsNotAnAuditRecord() {
        assertThatThrownBy(() -> AuditRecord.parse("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditRecord.parse("{\"schema\":\"lastmile/audit/v1\",\"event\":\"merged\"}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("'at'");
    }
}
