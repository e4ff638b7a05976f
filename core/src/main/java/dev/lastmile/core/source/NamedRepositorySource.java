package dev.lastmile.core.source;

import dev.lastmile.core.scan.ChangedFile;
import java.util.List;
import java.util.Optional;

/**
 * A source reported under another repository name: a local checkout calls itself by its folder's name, but its
 * findings belong to {@code owner/name} (a Lambda job's repository, {@code lastmile scan --repository}).
 */
public final class NamedRepositorySource implements RepositorySource {

    private final RepositorySource delegate;
    private final String repository;

    public NamedRepositorySource(RepositorySource delegate, String repository) {
        this.delegate = delegate;
        this.repository = repository;
    }

    @Override
    public String repository() {
        return repository;
    }

    @Override
    public String resolve(String revision) {
        return delegate.resolve(revision);
    }

    @Override
    public Optional<String> defaultBranch() {
        return delegate.defaultBranch();
    }

    @Override
    public Optional<String> mergeBase(String a, String b) {
        return delegate.mergeBase(a, b);
    }

    @Override
    public List<ChangedFile> changes(String base, String head) {
        return delegate.changes(base, head);
    }

    @Override
    public List<String> files(String revision) {
        return delegate.files(revision);
    }

    @Override
    public Optional<byte[]> read(String revision, String path) {
        return delegate.read(revision, path);
    }

    @Override
    public Optional<Content> readContent(String revision, String path) {
        return delegate.readContent(revision, path);
    }

    @Override
    public List<String> commits(String base, String head) {
        return delegate.commits(base, head);
    }

    @Override
    public List<ChangedFile> changesOf(String commit) {
        return delegate.changesOf(commit);
    }

    @Override
    public Optional<CommitInfo> commitInfo(String commit) {
        return delegate.commitInfo(commit);
    }

    @Override
    public List<String> pullRequestLabels() {
        return delegate.pullRequestLabels();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
