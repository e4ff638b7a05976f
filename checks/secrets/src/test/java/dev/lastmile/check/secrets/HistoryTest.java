package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.secrets.internal.SecretHasher;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pull-request history: what one commit added and a later one removed is still leaked, and is reported once. */
class HistoryTest {

    private static final Samples S = new Samples(7L);
    private final SecretsCheck check = new SecretsCheck(new SecretHasher("history".getBytes(StandardCharsets.UTF_8)));

    private ScanResult scan(InMemorySource source, String head, ScanMode mode, Policy policy) {
        return new ScanEngine().scan(new ScanEngine.Request(source, "base", head, mode, 12, policy, List.of(check), null));
    }

    private static InMemorySource addedThenRemoved(String password) {
        InMemorySource src = new InMemorySource("shop/dbt");
        src.put("base", "dbt_project.yml", "name: shop\n");
        src.put("c1", "dbt_project.yml", "name: shop\n");
        src.put("c1", "scripts/setup.py", "import os\n\nPASSWORD = \"" + password + "\"\n");
        src.put("c2", "dbt_project.yml", "name: shop\n");
        src.put("c2", "scripts/setup.py", "import os\n\nPASSWORD = os.environ[\"WAREHOUSE_PASSWORD\"]\n");
        return src;
    }

    @Test
    void secretAddedAndRemovedInsideThePullRequestIsReportedAsNew() {
        String password = S.password();
        ScanResult r = scan(addedThenRemoved(password), "c2", ScanMode.PULL_REQUEST, null);

        List<Finding> f = r.findings().stream().filter(x -> x.ruleId().equals("SEC001")).toList();
        assertThat(f).hasSize(1);
        Finding h = f.getFirst();
        assertThat(h.path()).isEqualTo("scripts/setup.py");
        assertThat(h.line()).isEqualTo(3);
        assertThat(h.status()).isEqualTo(FindingStatus.NEW);
        assertThat(h.message()).contains("commit c1").contains("git history").doesNotContain(password);
        assertThat(h.remediation()).contains("rotate it even though the head no longer contains it");
        assertThat(h.properties()).containsEntry("commit", "c1").containsEntry("inHistoryOnly", "true");
        assertThat(r.failed()).as("a leaked secret fails the pull request even though its head is clean").isTrue();
    }

    @Test
    void secretStillAtHeadIsReportedOnceFromTheHead() {
        String token = S.apiToken();
        InMemorySource src = new InMemorySource("shop/dbt");
        src.put("base", "README.md", "shop\n");
        src.put("c1", "README.md", "shop\n");
        src.put("c1", ".env", "API_TOKEN=" + token + "\n");
        src.put("c2", "README.md", "shop\n\nmore\n");
        src.put("c2", ".env", "# moved down\nAPI_TOKEN=" + token + "\n");

        List<Finding> f = scan(src, "c2", ScanMode.PULL_REQUEST, null).findings().stream()
                .filter(x -> x.ruleId().equals("SEC001")).toList();
        assertThat(f).hasSize(1);
        assertThat(f.getFirst().line()).isEqualTo(2);
        assertThat(f.getFirst().properties()).doesNotContainKey("inHistoryOnly");
    }

    @Test
    void theSameSecretAddedToTwoFilesInHistoryIsReportedForEach() {
        String token = S.apiToken();
        InMemorySource src = new InMemorySource("shop/dbt");
        src.put("base", "README.md", "shop\n");
        src.put("c1", "README.md", "shop\n");
        src.put("c1", "a.env", "API_TOKEN=" + token + "\n");
        src.put("c2", "README.md", "shop\n");
        src.put("c2", "a.env", "API_TOKEN=" + token + "\n");
        src.put("c2", "b.env", "API_TOKEN=" + token + "\n");
        src.put("c3", "README.md", "shop\nclean\n");
        List<Finding> f = scan(src, "c3", ScanMode.PULL_REQUEST, null).findings().stream()
                .filter(x -> x.ruleId().equals("SEC001")).toList();
        assertThat(f).extracting(Finding::path).containsExactlyInAnyOrder("a.env", "b.env");
        assertThat(f).allSatisfy(x -> assertThat(x.properties()).containsEntry("inHistoryOnly", "true"));
    }

    @Test
    void historyCanBeSwitchedOffAndIsNotReadInAFullScan() {
        InMemorySource src = addedThenRemoved(S.password());
        Policy off = PolicyLoader.parse(".lastmile.yml", "secrets:\n  history: false\n");
        assertThat(scan(src, "c2", ScanMode.PULL_REQUEST, off).findings()).noneMatch(x -> x.ruleId().equals("SEC001"));
        assertThat(scan(src, "c2", ScanMode.FULL, null).findings()).noneMatch(x -> x.ruleId().equals("SEC001"));
    }

    @Test
    void tooManyCommitsMarkTheRunIncomplete() {
        InMemorySource src = addedThenRemoved(S.password());
        Policy one = PolicyLoader.parse(".lastmile.yml", "secrets:\n  history_max_commits: 1\n");
        ScanResult r = scan(src, "c2", ScanMode.PULL_REQUEST, one);
        assertThat(r.runs().getFirst().incomplete()).anyMatch(s -> s.contains("history_max_commits"));
    }
}
