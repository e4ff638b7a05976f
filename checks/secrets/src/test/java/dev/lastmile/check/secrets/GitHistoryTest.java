package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.secrets.internal.SecretHasher;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.git.GitRepositorySource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull-request history scan over a real git repository, read by JGit as the CLI and the functions read it. */
class GitHistoryTest {

    @TempDir
    Path dir;

    private RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                .setSign(false).call();
    }

    /**
     * Git's line model (issue 14): a stray carriage return earlier in the file must not move a newly added password
     * onto an "unchanged" line, where it would be "existing" and the pull request would pass. Before, JGit's diff
     * called such a file binary (no edits) and lastmile counted the lone CR as a line break.
     */
    @Test
    void aStrayCarriageReturnDoesNotHideANewlyAddedPassword() throws Exception {
        String password = new Samples(7L).password();
        String base;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("app.env"), "HOST=db\rPORT=5432\nUSER=etl\n");
            base = commit(git, "base").getName();
            Files.writeString(dir.resolve("app.env"), "HOST=db\rPORT=5432\nUSER=etl\nDB_PASSWORD=" + password + "\n");
            commit(git, "add the password");
        }
        ScanResult r;
        try (GitRepositorySource src = GitRepositorySource.open(dir)) {
            r = new ScanEngine().scan(new ScanEngine.Request(src, base, "HEAD", ScanMode.PULL_REQUEST, 4, null,
                    List.of(new SecretsCheck(new SecretHasher("git".getBytes(StandardCharsets.UTF_8)))), null));
        }
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("SEC001")).singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(3))
                .satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.NEW));
        assertThat(r.failed()).isTrue();
    }

    @Test
    void aMergeFromTheMainBranchDoesNotMakeItsSecretsThePullRequests() throws Exception {
        String password = new Samples(6L).password();
        String mainTip;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("README.md"), "shop\n");
            RevCommit start = commit(git, "start");
            git.branchCreate().setName("feature").setStartPoint(start).call();
            // main moves on: someone else's old secret (reported by the full scans, not by this pull request)
            Files.writeString(dir.resolve("legacy.env"), "DB_PASSWORD=" + password + "\n");
            mainTip = commit(git, "legacy settings").getName();
            git.checkout().setName("feature").call();
            Files.writeString(dir.resolve("model.sql"), "select 1\n");
            commit(git, "feature work");
            git.merge().include(git.getRepository().resolve("main")).setCommit(true).setMessage("merge main")
                    .setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.NO_FF).call();
            Files.writeString(dir.resolve("model.sql"), "select 2\n");
            commit(git, "more feature work"); // the merge is not the head: its changes are read as history
        }
        ScanResult r;
        try (GitRepositorySource src = GitRepositorySource.open(dir)) {
            r = new ScanEngine().scan(new ScanEngine.Request(src, mainTip, "HEAD", ScanMode.PULL_REQUEST, 4, null,
                    List.of(new SecretsCheck(new SecretHasher("git".getBytes(StandardCharsets.UTF_8)))), null));
        }
        assertThat(r.findings()).noneMatch(f -> f.path().equals("legacy.env"));
    }

    @Test
    void aSecretAddedThenRemovedInsideThePullRequestIsReportedOnItsCommit() throws Exception {
        String password = new Samples(5L).password();
        RevCommit added;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("dbt_project.yml"), "name: shop\n");
            RevCommit base = commit(git, "base");
            git.tag().setName("base").setObjectId(base).call();
            Files.writeString(dir.resolve("load.py"), "import os\nPASSWORD = \"" + password + "\"\n");
            added = commit(git, "add the loader");
            Files.writeString(dir.resolve("load.py"), "import os\nPASSWORD = os.environ[\"PW\"]\n");
            commit(git, "read the password from the environment");
        }
        ScanResult r;
        try (GitRepositorySource src = GitRepositorySource.open(dir)) {
            r = new ScanEngine().scan(new ScanEngine.Request(src, "base", "HEAD", ScanMode.PULL_REQUEST, 3, null,
                    List.of(new SecretsCheck(new SecretHasher("git".getBytes(StandardCharsets.UTF_8)))), null));
        }
        List<Finding> f = r.findings().stream().filter(x -> x.ruleId().equals("SEC001")).toList();
        assertThat(f).singleElement().satisfies(h -> {
            assertThat(h.path()).isEqualTo("load.py");
            assertThat(h.line()).isEqualTo(2);
            assertThat(h.status()).isEqualTo(FindingStatus.NEW);
            assertThat(h.properties()).containsEntry("commit", added.getName());
            assertThat(h.message()).contains(added.getName().substring(0, 12)).doesNotContain(password);
        });
    }
}
