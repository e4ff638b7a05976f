package dev.lastmile.functions.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.source.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalGitSourcesTest {

    @Test
    void aJobWithALocalPathReadsThatRepositoryUnderTheJobsName(@TempDir Path dir) throws Exception {
        String base;
        String head;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("a.sql"), "select 1\n");
            git.add().addFilepattern(".").call();
            base = commit(git, "base").getName();
            Files.writeString(dir.resolve("a.sql"), "select 1\nselect 2\n");
            git.add().addFilepattern(".").call();
            head = commit(git, "head").getName();
        }
        ScanJob job = new ScanJob("pr-1-" + head, "acme/shop", null, base, head, 1, ScanMode.PULL_REQUEST,
                List.of("sql"), "local", Instant.now(), dir.toString());

        try (RepositorySource source = LocalGitSources.only().open(job)) {
            assertThat(source.repository()).isEqualTo("acme/shop");
            assertThat(source.changes(base, head)).singleElement()
                    .satisfies(f -> assertThat(f.changedLines().contains(2)).isTrue());
        }
    }

    @Test
    void aJobWithoutALocalPathNeedsGitHub() {
        ScanJob job = new ScanJob("pr-1-abcdef1", "acme/shop", 1L, "abcdef0", "abcdef1", 1, ScanMode.PULL_REQUEST,
                List.of("sql"), "d", Instant.now(), null);
        assertThatThrownBy(() -> LocalGitSources.only().open(job)).isInstanceOf(SourceException.class)
                .hasMessageContaining("no GitHub access");
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        return git.commit().setMessage(message).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                .setSign(false).call();
    }
}
