package dev.lastmile.functions.common;

import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.source.RepositorySource;

/** Opens the repository a scan job names: GitHub in AWS, a local git directory under {@code sam local} and in tests. */
@FunctionalInterface
public interface SourceFactory {

    RepositorySource open(ScanJob job);
}
