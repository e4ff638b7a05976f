package dev.lastmile.functions.common;

import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.source.RepositorySource;
import java.util.List;
import java.util.Optional;

/**
 * A source under the job's {@code owner/name}: a local checkout calls itself by its directory name, but its findings
 * must be stored under the repository the job is about.
 */
final class NamedSource implements RepositorySource {

    private final RepositorySource delegate;
    private final String repository;

    NamedSource(RepositorySource delegate, String repository) {
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
    public List<String> commits(String base, String head) {
        return delegate.commits(base, head);
    }

    @Override
    public List<ChangedFile> changesOf(String commit) {
        return delegate.changesOf(commit);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
