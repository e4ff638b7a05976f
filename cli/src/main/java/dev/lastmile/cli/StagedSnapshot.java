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

    /**
     * The source as the scan of a snapshot reads it: the snapshot commit is lastmile's, not the author's, and its
     * message and trailers are not written yet, so it says nothing of who wrote the staged lines (they show as
     * {@code authoredBy: unknown}, never as a person's: docs/provenance.md).
     */
    static dev.lastmile.core.source.RepositorySource unattributed(dev.lastmile.core.source.RepositorySource source,
                                                                   String snapshot) {
        return new Unattributed(source, snapshot);
    }

    private static final class Unattributed implements dev.lastmile.core.source.RepositorySource {
        private final dev.lastmile.core.source.RepositorySource d;
        private final String snapshot;

        Unattributed(dev.lastmile.core.source.RepositorySource d, String snapshot) {
            this.d = d;
            this.snapshot = snapshot;
        }

        @Override
        public java.util.Optional<dev.lastmile.core.source.CommitInfo> commitInfo(String commit) {
            return commit.equals(snapshot) ? java.util.Optional.empty() : d.commitInfo(commit);
        }

        @Override
        public java.util.List<String> pullRequestLabels() {
            return d.pullRequestLabels();
        }

        @Override
        public String repository() {
            return d.repository();
        }

        @Override
        public String resolve(String revision) {
            return d.resolve(revision);
        }

        @Override
        public java.util.Optional<String> defaultBranch() {
            return d.defaultBranch();
        }

        @Override
        public java.util.Optional<String> mergeBase(String a, String b) {
            return d.mergeBase(a, b);
        }

        @Override
        public java.util.List<dev.lastmile.core.scan.ChangedFile> changes(String base, String head) {
            return d.changes(base, head);
        }

        @Override
        public java.util.List<String> files(String revision) {
            return d.files(revision);
        }

        @Override
        public java.util.Optional<byte[]> read(String revision, String path) {
            return d.read(revision, path);
        }

        @Override
        public java.util.Optional<Content> readContent(String revision, String path) {
            return d.readContent(revision, path);
        }

        @Override
        public java.util.List<String> commits(String base, String head) {
            return d.commits(base, head);
        }

        @Override
        public java.util.List<dev.lastmile.core.scan.ChangedFile> changesOf(String commit) {
            return d.changesOf(commit);
        }
    }
}
