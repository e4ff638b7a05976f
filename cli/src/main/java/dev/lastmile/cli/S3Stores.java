package dev.lastmile.cli;

import dev.lastmile.core.store.ObjectStore;

/** The S3 side of {@link Stores}; kept apart so the S3 adapter is touched only when asked for. */
final class S3Stores {

    private S3Stores() {
    }

    static ObjectStore open(String location) {
        throw new UsageException("this build of lastmile has no S3 store yet; use --store DIR");
    }
}
