package dev.lastmile.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@code lastmile scan --staged}: what {@code git commit} is about to record. The index is written as a tree and a
 * commit on top of HEAD, exactly as {@code git write-tree} and {@code git commit-tree} would; the commit is referenced
 * by nothing (git's garbage collection removes it in time) and nothing of the working tree or the index changes.
 * Scanning HEAD..that commit then sees the staged content only, not unstaged edits.
 */
final class StagedSnapshot {

    private StagedSnapshot() {
    }

    /** The id of an unreferenced commit holding the index, with HEAD as its parent. */
    static String commit(Path repoDir) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(repoDir.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            throw new UsageException(repoDir + " is not in a git repository");
        }
        try (Repository repo = builder.build(); ObjectInserter inserter = repo.newObjectInserter()) {
            if (repo.isBare()) {
                throw new UsageException("--staged needs a working tree; " + repoDir + " is a bare repository");
            }
            ObjectId head = repo.resolve("HEAD^{commit}");
            if (head == null) {
                throw new UsageException("--staged compares the index with HEAD, and this repository has no commit yet");
            }
            DirCache index = repo.readDirCache();
            if (index.hasUnmergedPaths()) {
                throw new UsageException("the index has unmerged paths; resolve the merge before checking what is staged");
            }
            ObjectId tree = index.writeTree(inserter);
            CommitBuilder c = new CommitBuilder();
            PersonIdent who = new PersonIdent("lastmile", "lastmile@localhost");
            c.setAuthor(who);
            c.setCommitter(who);
            c.setTreeId(tree);
            c.setParentId(head);
            c.setMessage("lastmile --staged snapshot\n");
            ObjectId id = inserter.insert(c);
            inserter.flush();
            return id.name();
        } catch (IOException e) {
            throw new UsageException("cannot read the index of " + repoDir + ": " + e.getMessage());
        }
    }
}
