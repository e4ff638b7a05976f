package dev.lastmile.core.source;

import dev.lastmile.core.scan.ChangedFile;
import java.util.List;
import java.util.Optional;

/**
 * Read access to one repository's revisions. Implementations: a local git checkout (JGit, module {@code git}), the
 * GitHub REST API (module {@code adapters/github}), and an in-memory map for tests.
 *
 * <p>Revisions are whatever the implementation resolves ({@code HEAD}, a branch, a tag, a commit id);
 * {@link #WORKTREE} names the uncommitted working tree where the implementation has one. Paths are relative to the
 * repository root with forward slashes. Implementations must be safe for concurrent reads.
 */
public interface RepositorySource extends AutoCloseable {

    /** The pseudo-revision for the working tree as it is on disk, uncommitted changes included. */
    String WORKTREE = "WORKTREE";

    /** A short identity for outputs: {@code owner/name} for GitHub, the directory name for a local checkout. */
    String repository();

    /** Resolves a revision to a full commit id (or {@link #WORKTREE}). */
    String resolve(String revision) throws SourceException;

    /** The default branch's name, when known. */
    Optional<String> defaultBranch();

    /** The merge base of two revisions, when there is one. */
    Optional<String> mergeBase(String a, String b) throws SourceException;

    /** The files that differ between {@code base} and {@code head}, with the head lines added or modified. */
    List<ChangedFile> changes(String base, String head) throws SourceException;

    /** Every file path at a revision. */
    List<String> files(String revision) throws SourceException;

    /** A file's bytes at a revision, or empty when it does not exist there. */
    Optional<byte[]> read(String revision, String path) throws SourceException;

    /**
     * A file's bytes, read up to the source's size limit, with its full size.
     *
     * @param bytes the bytes read: all of them, or the first {@code bytes.length} when the file is larger
     * @param size  the file's size in bytes
     */
    record Content(byte[] bytes, long size) {
        public boolean truncated() {
            return bytes.length < size;
        }
    }

    /**
     * A file's bytes at a revision as far as they can be read: a file over the source's size limit yields its first
     * part (and its size) rather than nothing, so the checks can scan that part and say the rest was not read.
     */
    default Optional<Content> readContent(String revision, String path) throws SourceException {
        return read(revision, path).map(b -> new Content(b, b.length));
    }

    /** The commits reachable from {@code head} but not from {@code base}, oldest first. */
    List<String> commits(String base, String head) throws SourceException;

    /** The files one commit changed against its first parent. */
    List<ChangedFile> changesOf(String commit) throws SourceException;

    /**
     * A commit's author, committer, full message and git notes, for provenance detection. Empty where the source
     * cannot tell (the working tree, a source without commit metadata); a source that can tell but fails to answer
     * throws {@link SourceException}, like every other read.
     */
    default Optional<CommitInfo> commitInfo(String commit) throws SourceException {
        return Optional.empty();
    }

    /** The labels of the pull request this source reads, where it knows one (GitHub); else empty. */
    default List<String> pullRequestLabels() throws SourceException {
        return List.of();
    }

    @Override
    default void close() {
    }
}
