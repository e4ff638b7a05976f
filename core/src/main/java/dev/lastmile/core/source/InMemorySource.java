package dev.lastmile.core.source;

import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.LineRanges;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A repository held in memory as named snapshots ({@code base}, {@code head}, ...). Used by tests and by callers
 * that already hold file contents (a Lambda handed a tarball). Diffs are by line sets: a head line counts as changed
 * when the base file lacks it at the same position or anywhere, which is exact for additions and close enough for
 * the tests that use it.
 */
public final class InMemorySource implements RepositorySource {

    private final String repository;
    private final Map<String, Map<String, byte[]>> revisions = new LinkedHashMap<>();
    private final Map<String, CommitInfo> commitInfos = new LinkedHashMap<>();
    private List<String> labels = List.of();

    public InMemorySource(String repository) {
        this.repository = repository;
    }

    public InMemorySource put(String revision, String path, String content) {
        revisions.computeIfAbsent(revision, r -> new LinkedHashMap<>()).put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Puts a file's exact bytes (binary content, other encodings). */
    public InMemorySource putBytes(String revision, String path, byte[] content) {
        revisions.computeIfAbsent(revision, r -> new LinkedHashMap<>()).put(path, content.clone());
        return this;
    }

    /** Declares a revision with no files yet. */
    public InMemorySource revision(String revision) {
        revisions.computeIfAbsent(revision, r -> new LinkedHashMap<>());
        return this;
    }

    /** Gives a revision commit metadata (author, committer, message, notes) for provenance detection. */
    public InMemorySource commitInfo(String revision, CommitInfo info) {
        revision(revision);
        commitInfos.put(revision, info);
        return this;
    }

    /** The labels of the pull request this source stands for. */
    public InMemorySource pullRequestLabels(List<String> names) {
        this.labels = List.copyOf(names);
        return this;
    }

    @Override
    public Optional<CommitInfo> commitInfo(String commit) {
        return Optional.ofNullable(commitInfos.get(commit));
    }

    @Override
    public List<String> pullRequestLabels() {
        return labels;
    }

    @Override
    public String repository() {
        return repository;
    }

    @Override
    public String resolve(String revision) {
        if (!revisions.containsKey(revision)) {
            throw new SourceException("unknown revision '" + revision + "'");
        }
        return revision;
    }

    @Override
    public Optional<String> defaultBranch() {
        return Optional.empty();
    }

    @Override
    public Optional<String> mergeBase(String a, String b) {
        return Optional.empty();
    }

    @Override
    public List<ChangedFile> changes(String base, String head) {
        Map<String, byte[]> b = snapshot(base);
        Map<String, byte[]> h = snapshot(head);
        List<ChangedFile> out = new ArrayList<>();
        for (String path : new TreeSet<>(h.keySet())) {
            byte[] before = b.get(path);
            byte[] after = h.get(path);
            if (before == null) {
                out.add(new ChangedFile(path, ChangedFile.Kind.ADDED, path, LineRanges.ALL));
            } else if (!java.util.Arrays.equals(before, after)) {
                out.add(new ChangedFile(path, ChangedFile.Kind.MODIFIED, path, changedLines(before, after)));
            }
        }
        for (String path : new TreeSet<>(b.keySet())) {
            if (!h.containsKey(path)) {
                out.add(new ChangedFile(path, ChangedFile.Kind.DELETED, path, LineRanges.NONE));
            }
        }
        return out;
    }

    private static LineRanges changedLines(byte[] before, byte[] after) {
        String[] old = new String(before, StandardCharsets.UTF_8).split("\n", -1);
        String[] now = new String(after, StandardCharsets.UTF_8).split("\n", -1);
        java.util.Set<String> oldLines = new java.util.HashSet<>(List.of(old));
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < now.length; i++) {
            boolean same = i < old.length && old[i].equals(now[i]);
            if (!same && !oldLines.contains(now[i])) {
                ranges.add(new int[] {i + 1, i + 1});
            }
        }
        return LineRanges.of(ranges);
    }

    @Override
    public List<String> files(String revision) {
        return List.copyOf(new TreeSet<>(snapshot(revision).keySet()));
    }

    @Override
    public Optional<byte[]> read(String revision, String path) {
        return Optional.ofNullable(snapshot(revision).get(path));
    }

    @Override
    public List<String> commits(String base, String head) {
        List<String> names = new ArrayList<>(revisions.keySet());
        int from = names.indexOf(base);
        int to = names.indexOf(head);
        if (from < 0 || to < 0 || to <= from) {
            return List.of(head);
        }
        return List.copyOf(names.subList(from + 1, to + 1));
    }

    @Override
    public List<ChangedFile> changesOf(String commit) {
        List<String> names = new ArrayList<>(revisions.keySet());
        int i = names.indexOf(commit);
        if (i <= 0) {
            return files(commit).stream().map(p -> new ChangedFile(p, ChangedFile.Kind.ADDED, p, LineRanges.ALL)).toList();
        }
        return changes(names.get(i - 1), commit);
    }

    private Map<String, byte[]> snapshot(String revision) {
        Map<String, byte[]> files = revisions.get(revision);
        if (files == null) {
            throw new SourceException("unknown revision '" + revision + "'");
        }
        return files;
    }
}
