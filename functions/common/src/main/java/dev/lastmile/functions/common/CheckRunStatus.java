package dev.lastmile.functions.common;

import dev.lastmile.aws.sqs.ScanJob;

/** Tells the pull request a check has started (GitHub: the check run goes {@code in_progress}). */
@FunctionalInterface
public interface CheckRunStatus {

    CheckRunStatus NONE = (job, checkRunName) -> {
    };

    void started(ScanJob job, String checkRunName);
}
