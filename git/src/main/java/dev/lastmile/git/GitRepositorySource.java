package dev.lastmile.git;

import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.LineRanges;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.source.SourceException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.NotIgnoredFilter;
import org.eclipse.jgit.util.io.NullOutputStream;

/**
 * A local git checkout read through JGit: any two revisions, or a revision against the working tree
 * ({@link #WORKTREE}, uncommitted and untracked-but-not-ignored files included). Every call opens its own walkers, so
 * concurrent reads are safe.
 */
public final class GitRepositorySource implements RepositorySource {

    /**
     * Files larger than this are read up to this size ({@link #readContent}); the scan says which were cut short.
     * Nobody edits a 16 MiB SQL file by hand, but a 40 MiB dump may still hold a key in its first part.
     */
    public static final long MAX_FILE_BYTES = 16L << 20;

    private final Repository repository;
    private final Path workTree;
    private final String name;

    private GitRepositorySource(Repository repository, String name) {
        this.repository = repository;
        this.workTree = repository.isBare() ? null : repository.getWorkTree().toPath().toAbsolutePath().normalize();
        this.name = name;
    }

    /** Opens the repository that contains {@code directory}. */
    public static GitRepositorySource open(Path directory) {
        File dir = directory.toAbsolutePath().normalize().toFile();
        if (!dir.isDirectory()) {
            throw new SourceException("not a directory: " + directory);
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir);
        if (builder.getGitDir() == null) {
            throw new SourceException("not inside a git repository: " + directory);
        }
        try {
            Repository repo = builder.setMustExist(true).build();
            String n = repo.isBare() ? repo.getDirectory().getName().replaceFirst("\\.git$", "")
                    : repo.getWorkTree().getName();
            return new GitRepositorySource(repo, n);
        } catch (IOException e) {
            throw new SourceException("cannot open git repository at " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String repository() {
        return name;
    }

    /** The working tree's root, when the repository has one. */
    public Optional<Path> workTree() {
        return Optional.ofNullable(workTree);
    }

    @Override
    public String resolve(String revision) {
        if (WORKTREE.equals(revision)) {
            requireWorkTree();
            return WORKTREE;
        }
        try {
            ObjectId id = repository.resolve(revision + "^{commit}");
            if (id == null) {
                throw new SourceException("unknown revision '" + revision + "'");
            }
            return id.name();
        } catch (IOException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            throw new SourceException("cannot resolve revision '" + revision + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> defaultBranch() {
        try {
            Ref originHead = repository.exactRef("refs/remotes/origin/HEAD");
            if (originHead != null && originHead.isSymbolic()) {
                return Optional.of(Repository.shortenRefName(originHead.getTarget().getName()));
            }
            for (String candidate : List.of("main", "master", "trunk", "develop")) {
                if (repository.exactRef(Constants.R_HEADS + candidate) != null) {
                    return Optional.of(candidate);
                }
            }
            for (String candidate : List.of("origin/main", "origin/master")) {
                if (repository.exactRef(Constants.R_REMOTES + candidate) != null) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new SourceException("cannot read refs: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> mergeBase(String a, String b) {
        String ca = WORKTREE.equals(a) ? resolve("HEAD") : resolve(a);
        String cb = WORKTREE.equals(b) ? resolve("HEAD") : resolve(b);
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(ObjectId.fromString(ca)));
            walk.markStart(walk.parseCommit(ObjectId.fromString(cb)));
            RevCommit base = walk.next();
            return base == null ? Optional.empty() : Optional.of(base.name());
        } catch (IOException e) {
            throw new SourceException("cannot compute merge base: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ChangedFile> changes(String base, String head) {
        try (ObjectReader reader = repository.newObjectReader()) {
            String h = resolve(head);
            return diff(reader, treeOf(reader, resolve(base)), treeOf(reader, h), WORKTREE.equals(h));
        } catch (IOException e) {
            throw new SourceException("cannot diff " + base + ".." + head + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ChangedFile> changesOf(String commit) {
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(resolve(commit)));
            AbstractTreeIterator parent = c.getParentCount() == 0 ? new EmptyTreeIterator()
                    : new CanonicalTreeParser(null, reader, walk.parseCommit(c.getParent(0)).getTree());
            return diff(reader, parent, new CanonicalTreeParser(null, reader, c.getTree()), false);
        } catch (IOException e) {
            throw new SourceException("cannot read commit " + commit + ": " + e.getMessage(), e);
        }
    }

    private List<ChangedFile> diff(ObjectReader reader, AbstractTreeIterator a, AbstractTreeIterator b,
                                   boolean headIsWorktree) throws IOException {
        try (DiffFormatter formatter = new DiffFormatter(NullOutputStream.INSTANCE)) {
            formatter.setReader(reader, repository.getConfig());
            formatter.setDiffComparator(RawTextComparator.DEFAULT);
            formatter.setDetectRenames(true);
            List<ChangedFile> out = new ArrayList<>();
            for (DiffEntry entry : formatter.scan(a, b)) {
                switch (entry.getChangeType()) {
                    case ADD, COPY -> out.add(new ChangedFile(entry.getNewPath(), ChangedFile.Kind.ADDED, entry.getNewPath(), LineRanges.ALL));
                    case DELETE -> out.add(new ChangedFile(entry.getOldPath(), ChangedFile.Kind.DELETED, entry.getOldPath(), LineRanges.NONE));
                    case MODIFY, RENAME -> {
                        ChangedFile.Kind kind = entry.getChangeType() == DiffEntry.ChangeType.RENAME
                                ? ChangedFile.Kind.RENAMED : ChangedFile.Kind.MODIFIED;
                        out.add(new ChangedFile(entry.getNewPath(), kind, entry.getOldPath(),
                                changedLines(reader, entry, headIsWorktree)));
                    }
                }
            }
            return out;
        }
    }

    /**
     * The head lines an entry added or modified, by git's line model (a line ends at LF). The diff runs on the bytes
     * themselves: JGit's formatter calls a file with a lone CR "binary" and gives it no edits at all, which made every
     * finding in it "existing". A side too large to read counts as changed throughout.
     */
    private LineRanges changedLines(ObjectReader reader, DiffEntry entry, boolean headIsWorktree) throws IOException {
        Optional<byte[]> before = blob(reader, entry.getOldId().toObjectId());
        Optional<byte[]> after = headIsWorktree ? read(WORKTREE, entry.getNewPath())
                : blob(reader, entry.getNewId().toObjectId());
        if (before.isEmpty() || after.isEmpty()) {
            return LineRanges.ALL;
        }
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, new RawText(before.get()), new RawText(after.get()));
        List<int[]> ranges = new ArrayList<>();
        for (Edit edit : edits) {
            if (edit.getEndB() > edit.getBeginB()) {
                ranges.add(new int[] {edit.getBeginB() + 1, edit.getEndB()});
            }
        }
        return LineRanges.of(ranges);
    }

    private static Optional<byte[]> blob(ObjectReader reader, ObjectId id) throws IOException {
        try {
            ObjectLoader loader = reader.open(id);
            return loader.getSize() > MAX_FILE_BYTES ? Optional.empty() : Optional.of(loader.getBytes());
        } catch (MissingObjectException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> files(String revision) {
        String rev = resolve(revision);
        List<String> out = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(repository, reader)) {
            walk.addTree(treeOf(reader, rev));
            walk.setRecursive(true);
            if (WORKTREE.equals(rev)) {
                walk.setFilter(new NotIgnoredFilter(0)); // never descend into target/, .venv/ and the like
            }
            while (walk.next()) {
                if (walk.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                    out.add(walk.getPathString());
                }
            }
            return out;
        } catch (IOException e) {
            throw new SourceException("cannot list files at " + revision + ": " + e.getMessage(), e);
        }
    }

    /** A file's bytes, or empty when it does not exist or is over {@link #MAX_FILE_BYTES} (see {@link #readContent}). */
    @Override
    public Optional<byte[]> read(String revision, String path) {
        return readContent(revision, path).filter(c -> !c.truncated()).map(Content::bytes);
    }

    /** A file's bytes up to {@link #MAX_FILE_BYTES}, with its full size: a larger file yields its first part. */
    @Override
    public Optional<Content> readContent(String revision, String path) {
        String rev = resolve(revision);
        if (WORKTREE.equals(rev)) {
            return readWorktree(path);
        }
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(rev));
            try (TreeWalk tw = TreeWalk.forPath(reader, path, commit.getTree())) {
                if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                    return Optional.empty();
                }
                return Optional.of(prefix(reader.open(tw.getObjectId(0))));
            }
        } catch (MissingObjectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + " at " + revision + ": " + e.getMessage(), e);
        }
    }

    /**
     * A working-tree file read as git would store it, so no path leads outside the repository: {@code ..} and
     * absolute paths are refused, a path through a symbolic link to a directory does not exist (git stores the link,
     * not what it points to), and a symbolic link reads as its target's name (its blob in git), never the target's
     * content. Nothing is ever followed, so {@code leak.env -> /etc/passwd} cannot quote /etc/passwd.
     */
    private Optional<Content> readWorktree(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\u0000")) {
            return Optional.empty();
        }
        Path file = workTree;
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return Optional.empty();
            }
            file = file.resolve(part);
            boolean last = i == parts.length - 1;
            if (!last && (Files.isSymbolicLink(file) || !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))) {
                return Optional.empty();
            }
        }
        try {
            if (Files.isSymbolicLink(file)) {
                byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
                return Optional.of(new Content(target, target.length));
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(new Content(in.readNBytes((int) MAX_FILE_BYTES), Files.size(file)));
            }
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Content prefix(ObjectLoader loader) throws IOException {
        long size = loader.getSize();
        if (size <= MAX_FILE_BYTES) {
            return new Content(loader.getBytes(), size);
        }
        try (InputStream in = loader.openStream()) {
            return new Content(in.readNBytes((int) MAX_FILE_BYTES), size);
        }
    }

    @Override
    public List<String> commits(String base, String head) {
        String h = resolve(head);
        if (WORKTREE.equals(h)) {
            h = resolve("HEAD");
        }
        String b = resolve(base);
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(h)));
            if (!WORKTREE.equals(b)) {
                walk.markUninteresting(walk.parseCommit(ObjectId.fromString(b)));
            }
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.REVERSE, true);
            List<String> out = new ArrayList<>();
            for (RevCommit c : walk) {
                out.add(c.name());
            }
            return out;
        } catch (IOException e) {
            throw new SourceException("cannot list commits " + base + ".." + head + ": " + e.getMessage(), e);
        }
    }

    /** A note larger than this is not read (a git-ai log is a few KiB). */
    static final int MAX_NOTE_BYTES = 1 << 20;

    /**
     * The commit's author and committer as written, its full message (JGit's raw message: subject, body and
     * trailers), and its notes under every {@code refs/notes/*} ref the repository has (git-ai writes
     * {@code refs/notes/ai}). No login: a local commit knows e-mail addresses, not accounts.
     */
    @Override
    public Optional<dev.lastmile.core.source.CommitInfo> commitInfo(String commit) {
        if (WORKTREE.equals(commit)) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(resolve(commit)));
            java.util.Map<String, String> notes = new java.util.TreeMap<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_NOTES)) {
                if (ref.getObjectId() == null) {
                    continue;
                }
                org.eclipse.jgit.notes.NoteMap map = org.eclipse.jgit.notes.NoteMap.read(walk.getObjectReader(),
                        walk.parseCommit(ref.getObjectId()));
                ObjectId note = map.get(c);
                if (note != null) {
                    ObjectLoader loader = repository.open(note);
                    if (loader.getSize() <= MAX_NOTE_BYTES) {
                        notes.put(ref.getName(), new String(loader.getBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            return Optional.of(new dev.lastmile.core.source.CommitInfo(c.name(), identity(c.getAuthorIdent()),
                    identity(c.getCommitterIdent()), c.getFullMessage(), notes));
        } catch (IOException e) {
            throw new SourceException("cannot read commit " + commit + ": " + e.getMessage(), e);
        }
    }

    private static dev.lastmile.core.source.CommitInfo.Identity identity(org.eclipse.jgit.lib.PersonIdent p) {
        return p == null ? dev.lastmile.core.source.CommitInfo.Identity.UNKNOWN
                : dev.lastmile.core.source.CommitInfo.Identity.of(p.getName(), p.getEmailAddress());
    }

    private AbstractTreeIterator treeOf(ObjectReader reader, String commitOrWorktree) throws IOException {
        if (WORKTREE.equals(commitOrWorktree)) {
            requireWorkTree();
            return new FileTreeIterator(repository);
        }
        try (RevWalk walk = new RevWalk(reader)) {
            return new CanonicalTreeParser(null, reader, walk.parseCommit(ObjectId.fromString(commitOrWorktree)).getTree());
        }
    }

    private void requireWorkTree() {
        if (workTree == null) {
            throw new SourceException("a bare repository has no working tree");
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
