package dev.lastmile.cli;

import dev.lastmile.core.store.LocalObjectStore;
import dev.lastmile.core.store.ObjectStore;
import java.nio.file.Path;

/** Turns {@code --store DIR|s3://bucket/prefix} into an {@link ObjectStore}. */
final class Stores {

    private Stores() {
    }

    static ObjectStore open(String location) {
        if (location.startsWith("s3://")) {
            return S3Stores.open(location);
        }
        if (location.contains("://")) {
            throw new UsageException("--store takes a directory or s3://bucket/prefix, not '" + location + "'");
        }
        return new LocalObjectStore(Path.of(location));
    }
}
