package dev.lastmile.functions.common;

import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.source.NamedRepositorySource;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.source.SourceException;
import dev.lastmile.git.GitRepositorySource;
import java.nio.file.Path;

/**
 * Opens jobs that carry a {@code localPath} as local git repositories, and hands every other job to the next factory
 * (GitHub). Only tests and local runs send local paths; in AWS the functions have no repository on disk, and their
 * jars leave JGit out, so a local job there fails with a clear message instead.
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
        try {
            return new NamedRepositorySource(GitRepositorySource.open(Path.of(job.localPath())), job.repository());
        } catch (NoClassDefFoundError e) {
            throw new SourceException("job " + job.jobId() + " names a local directory, but this build has no git "
                    + "support (the Lambda jars leave JGit out); add lastmile-git to the classpath to run local jobs");
        }
    }
}
