package dev.lastmile.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/** A real git repository for CLI tests: {@code main} with one commit holding {@code a.sql}, then commits on a branch. */
final class GitFixture {

    static final PersonIdent WHO = new PersonIdent("t", "t@example.com");

    private GitFixture() {
    }

    /** Creates {@code repo} with the commit "base" ({@code a.sql}) on {@code main}; the caller closes the Git. */
    static Git withBase(Path repo) throws Exception {
        Files.createDirectories(repo);
        Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        Files.writeString(repo.resolve("a.sql"), "select 1 as x\n");
        commitAll(git, "base");
        return git;
    }

    /** Stages everything in the work tree and commits it. */
    static void commitAll(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).setSign(false).call();
    }
}
