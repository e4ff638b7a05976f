package dev.lastmile.functions.common;

import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.source.SourceException;
import dev.lastmile.git.GitRepositorySource;
import java.nio.file.Path;

/**
 * Opens jobs that carry a {@code localPath} as local git repositories, and hands every other job to the next factory
 * (GitHub). Only {@code sam local} and tests send local paths; in AWS the functions have no repository on disk.
 */
public final class LocalGitSources implements SourceFactory {

    private final SourceFactory otherwise;

    public LocalGitSources(SourceFactory otherwise) {
        this.otherwise = otherwise;
    }

    /** For environments with no GitHub access: a job without a local path fails clearly. */
    public static LocalGitSources only() {
        return new LocalGitSources(job -> {
            throw new SourceException("job " + job.jobId() + " has no localPath and no GitHub access is configured");
        });
    }

    @Override
    public RepositorySource open(ScanJob job) {
        if (job.localPath() == null) {
            return otherwise.open(job);
        }
        return new NamedSource(GitRepositorySource.open(Path.of(job.localPath())), job.repository());
    }
}
