package dev.lastmile.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.LineRanges;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.source.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositorySourceTest {

    @TempDir
    Path dir;
    Git git;

    @BeforeEach
    void init() throws GitAPIException {
        git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                .setSign(false).call().name();
    }

    private static Map<String, ChangedFile> byPath(List<ChangedFile> files) {
        return files.stream().collect(Collectors.toMap(ChangedFile::path, Function.identity()));
    }

    @Test
    void changesCarryTheHeadLinesThatWereAddedOrModified() throws Exception {
        write("models/a.sql", "select 1\nfrom x\nwhere y\n");
        write("models/gone.sql", "select 0\n");
        String base = commit("base");
        write("models/a.sql", "select 1\nfrom x\njoin z on true\nwhere y = 2\n");
        write("models/new.sql", "select 2\n");
        Files.delete(dir.resolve("models/gone.sql"));
        String head = commit("pr");

        try (RepositorySource src = GitRepositorySource.open(dir)) {
            Map<String, ChangedFile> changes = byPath(src.changes(base, head));
            assertThat(changes.get("models/a.sql").kind()).isEqualTo(ChangedFile.Kind.MODIFIED);
            assertThat(changes.get("models/a.sql").changedLines()).isEqualTo(LineRanges.single(3, 4));
            assertThat(changes.get("models/a.sql").changedLines().contains(1)).isFalse();
            assertThat(changes.get("models/new.sql").kind()).isEqualTo(ChangedFile.Kind.ADDED);
            assertThat(changes.get("models/new.sql").changedLines().isAll()).isTrue();
            assertThat(changes.get("models/gone.sql").isDeleted()).isTrue();
        }
    }

    @Test
    void renamesKeepTheirOldPath() throws Exception {
        write("models/old_name.sql", "select a, b, c, d, e, f, g\nfrom t\nwhere x = 1\n");
        String base = commit("base");
        Files.move(dir.resolve("models/old_name.sql"), dir.resolve("models/new_name.sql"));
        String head = commit("rename");
        try (RepositorySource src = GitRepositorySource.open(dir)) {
            ChangedFile f = byPath(src.changes(base, head)).get("models/new_name.sql");
            assertThat(f.kind()).isEqualTo(ChangedFile.Kind.RENAMED);
            assertThat(f.previousPath()).isEqualTo("models/old_name.sql");
            assertThat(f.changedLines().isEmpty()).isTrue();
        }
    }

    @Test
    void readsFilesAtEachRevisionAndListsThem() throws Exception {
        write("a.sql", "v1\n");
        String base = commit("base");
        write("a.sql", "v2\n");
        write("sub/b.yml", "k: v\n");
        String head = commit("pr");
        try (RepositorySource src = GitRepositorySource.open(dir.resolve("sub").getParent())) {
            assertThat(src.read(base, "a.sql")).get().extracting(b -> new String(b, StandardCharsets.UTF_8)).isEqualTo("v1\n");
            assertThat(src.read(head, "a.sql")).get().extracting(b -> new String(b, StandardCharsets.UTF_8)).isEqualTo("v2\n");
            assertThat(src.read(base, "sub/b.yml")).isEmpty();
            assertThat(src.read(head, "sub")).as("a directory is not a file").isEmpty();
            assertThat(src.files(head)).containsExactly("a.sql", "sub/b.yml");
            assertThat(src.resolve("HEAD")).isEqualTo(head);
            assertThat(src.resolve("main~1")).isEqualTo(base);
        }
    }

    @Test
    void listsTheCommitsOfAChangeOldestFirstAndWhatEachChanged() throws Exception {
        write("a.txt", "a\n");
        String base = commit("base");
        write("secret.env", "TOKEN=x\n");
        String c1 = commit("add");
        Files.delete(dir.resolve("secret.env"));
        String c2 = commit("remove");
        try (RepositorySource src = GitRepositorySource.open(dir)) {
            assertThat(src.commits(base, c2)).containsExactly(c1, c2);
            assertThat(src.changesOf(c1)).extracting(ChangedFile::path).containsExactly("secret.env");
            assertThat(src.changesOf(c2)).singleElement().satisfies(f -> assertThat(f.isDeleted()).isTrue());
            assertThat(src.changes(base, c2)).as("added then removed: not in the final diff").isEmpty();
            assertThat(src.changesOf(base)).extracting(ChangedFile::path).containsExactly("a.txt");
        }
    }

    @Test
    void commitMetadataHasAuthorCommitterTheWholeMessageAndTheNotesOfEveryNotesRef() throws Exception {
        write("a.sql", "select 1\n");
        String plain = commit("plain");
        write("a.sql", "select 2\n");
        git.add().addFilepattern(".").call();
        String message = "Change the model\n\nBody line.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n";
        var c = git.commit().setMessage(message).setAuthor("Ada Lovelace", "ada@example.com")
                .setCommitter("Cursor Agent", "cursoragent@cursor.com").setSign(false).call();
        String log = "a.sql\n  a1b2c3d4 1\n---\n{\"prompts\":{}}\n";
        git.notesAdd().setNotesRef("refs/notes/ai").setObjectId(c).setMessage(log).call();
        git.notesAdd().setObjectId(c).setMessage("reviewed").call(); // refs/notes/commits, git's default
        try (RepositorySource src = GitRepositorySource.open(dir)) {
            var info = src.commitInfo(c.name()).orElseThrow();
            assertThat(info.sha()).isEqualTo(c.name());
            assertThat(info.author().name()).isEqualTo("Ada Lovelace");
            assertThat(info.author().email()).isEqualTo("ada@example.com");
            assertThat(info.author().login()).as("a local commit knows no accounts").isEmpty();
            assertThat(info.committer().email()).isEqualTo("cursoragent@cursor.com");
            assertThat(info.message()).isEqualTo(message);
            assertThat(info.notes()).containsEntry("refs/notes/ai", log).containsEntry("refs/notes/commits", "reviewed");
            assertThat(src.commitInfo(plain).orElseThrow().notes()).isEmpty();
            assertThat(src.commitInfo(RepositorySource.WORKTREE)).isEmpty();
            assertThatThrownBy(() -> src.commitInfo("0123456789012345678901234567890123456789")).isInstanceOf(SourceException.class);
        }
    }

    @Test
    void theWorkingTreeIncludesUncommittedAndUntrackedButNotIgnoredFiles() throws Exception {
        write(".gitignore", "target/\n");
        write("a.sql", "select 1\n");
        String base = commit("base");
        write("a.sql", "select 1\nunion all select 2\n");
        write("untracked.sql", "select 3\n");
        write("target/compiled.sql", "select 4\n");
        try (RepositorySource src = GitRepositorySource.open(dir)) {
            Map<String, ChangedFile> changes = byPath(src.changes(base, RepositorySource.WORKTREE));
            assertThat(changes).containsOnlyKeys("a.sql", "untracked.sql");
            assertThat(changes.get("a.sql").changedLines()).isEqualTo(LineRanges.single(2, 2));
            assertThat(src.files(RepositorySource.WORKTREE)).containsExactlyInAnyOrder(".gitignore", "a.sql", "untracked.sql");
            assertThat(src.read(RepositorySource.WORKTREE, "a.sql")).get()
                    .extracting(b -> new String(b, StandardCharsets.UTF_8)).asString().contains("union all");
            assertThat(src.read(RepositorySource.WORKTREE, "../outside")).isEmpty();
        }
    }

    @Test
    void mergeBaseAndDefaultBranch() throws Exception {
        write("a.txt", "a\n");
        String root = commit("root");
        git.checkout().setCreateBranch(true).setName("feature").call();
        write("b.txt", "b\n");
        commit("feature work");
        git.checkout().setName("main").call();
        write("c.txt", "c\n");
        commit("main moves on");
        try (RepositorySource src = GitRepositorySource.open(dir)) {
            assertThat(src.mergeBase("main", "feature")).contains(root);
            assertThat(src.defaultBranch()).contains("main");
        }
    }

    @Test
    void unknownRevisionsAndNonRepositoriesAreClearErrors(@TempDir Path elsewhere) throws Exception {
        write("a.txt", "a\n");
        commit("base");
        try (RepositorySource src = GitRepositorySource.open(dir)) {
            assertThatThrownBy(() -> src.resolve("no-such-branch")).isInstanceOf(SourceException.class)
                    .hasMessageContaining("unknown revision 'no-such-branch'");
        }
        assertThatThrownBy(() -> GitRepositorySource.open(elsewhere)).isInstanceOf(SourceException.class)
                .hasMessageContaining("not inside a git repository");
    }

    /** Nothing skipped in silence: a file over the size limit is read up to it, and the scan says so. */
    @Test
    void aFileOverTheSizeLimitIsReadUpToItAndNamed() throws Exception {
        write("README.md", "x\n");
        String base = commit("base");
        StringBuilder big = new StringBuilder("first line\n");
        String filler = "0123456789abcdef".repeat(4) + "\n";
        while (big.length() <= GitRepositorySource.MAX_FILE_BYTES) {
            big.append(filler);
        }
        write("data/dump.sql", big.toString());
        String head = commit("dump");
        try (GitRepositorySource src = GitRepositorySource.open(dir)) {
            for (String rev : List.of(head, RepositorySource.WORKTREE)) {
                assertThat(src.read(rev, "data/dump.sql")).isEmpty();
                RepositorySource.Content c = src.readContent(rev, "data/dump.sql").orElseThrow();
                assertThat(c.truncated()).isTrue();
                assertThat(c.size()).isEqualTo(big.length());
                assertThat(c.bytes()).hasSize((int) GitRepositorySource.MAX_FILE_BYTES);
            }
            dev.lastmile.core.scan.ScanContext ctx = dev.lastmile.core.scan.ScanContext.builder().source(src)
                    .base(base).head(head).build().forCheck();
            assertThat(ctx.readHead("data/dump.sql")).get().asString().startsWith("first line\n");
            assertThat(ctx.notReadFully()).containsOnlyKeys("data/dump.sql");
            assertThat(ctx.notReadFully().get("data/dump.sql")).contains("only its first 16.0 MiB");
        }
    }

    /** No path leaves the repository: symbolic links and .. are never followed, in any mode. */
    @Test
    void noPathLeadsOutsideTheRepository(@TempDir Path outside) throws Exception {
        Path secret = outside.resolve("passwd");
        Files.writeString(secret, "root:x:0:0:OUTSIDE-CONTENT:/root:/bin/bash\n");
        write("README.md", "x\n");
        Files.createSymbolicLink(dir.resolve("leak.env"), secret);
        Files.createSymbolicLink(dir.resolve("linked"), outside);
        String head = commit("links");
        try (GitRepositorySource src = GitRepositorySource.open(dir)) {
            for (String rev : List.of(head, RepositorySource.WORKTREE)) {
                assertThat(src.files(rev)).contains("leak.env").noneMatch(p -> p.startsWith("linked/"));
                // a link reads as git stores it: the target's name, never the target's content
                assertThat(new String(src.read(rev, "leak.env").orElseThrow(), StandardCharsets.UTF_8))
                        .isEqualTo(secret.toString());
                assertThat(src.read(rev, "linked/passwd")).isEmpty();
                assertThat(src.read(rev, "../" + outside.getFileName() + "/passwd")).isEmpty();
                assertThat(src.read(rev, secret.toString())).isEmpty();
            }
        }
    }
}
