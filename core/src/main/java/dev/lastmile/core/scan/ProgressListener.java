package dev.lastmile.core.scan;

/** Told how far a check is; the CLI prints a progress line from it, the functions ignore it. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (check, done, total) -> { };

    void progress(String check, int filesDone, int filesTotal);
}
