package dev.lastmile.report;

import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.core.store.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes runs into a store the way the functions do, with chosen times and fingerprints. */
final class ReportFixtures {

    private final ObjectStore store;

    ReportFixtures(ObjectStore store) {
        this.store = store;
    }

    static Finding finding(String fingerprint, Severity severity, FindingStatus status, String path, int line) {
        return new Finding("SQL001", Category.PII, severity, "PII in a mart", "email reaches the mart <b>", path,
                Region.line(line), "Hash it", "sql", status, fingerprint, null, Map.of());
    }

    void full(String repo, String head, Instant at, Finding... findings) {
        save(repo, "full-" + head, head, null, ScanMode.FULL, null, at, List.of(findings));
    }

    void pullRequest(String repo, int pr, String head, Instant at, Finding... findings) {
        save(repo, "pr-" + pr + "-" + head, head, "base", ScanMode.PULL_REQUEST, pr, at, List.of(findings));
    }

    void merged(String repo, int pr, Instant at) {
        new FindingsStore(store).recordMerge(repo, pr, at, null, null);
    }

    private void save(String repo, String job, String head, String base, ScanMode mode, Integer pr, Instant at, List<Finding> findings) {
        CheckRun run = new CheckRun("sql", "lastmile/sql", List.of(), new ArrayList<>(findings), 3, List.of(), at, 10);
        ScanResult result = new ScanResult(repo, base, head, mode, pr, Policy.defaults(), false, List.of(run), "test");
        new FindingsStore(store).save(job, result);
    }
}
