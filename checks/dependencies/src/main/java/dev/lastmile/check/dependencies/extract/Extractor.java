package dev.lastmile.check.dependencies.extract;

import dev.lastmile.check.dependencies.model.MalformedManifestException;

/**
 * Reads one manifest or lockfile format, in the manner of OSV-SCALIBR: a cheap file-name test kept apart from the
 * parse, so the check can skip every other file of a repository without reading it.
 */
public interface Extractor {

    /** {@code ecosystem/format}, e.g. {@code python/requirements}. */
    String name();

    /** True when {@code path} (repository-relative, forward slashes) is this extractor's format. Looks at the name only. */
    boolean fileRequired(String path);

    /** True for lockfiles: their versions are exact and their entries include transitive dependencies. */
    default boolean isLockfile() {
        return false;
    }

    /** The dependencies the file declares. Throws only {@link MalformedManifestException}, never anything else. */
    Extraction extract(String path, String text) throws MalformedManifestException;

    /** The file name part of a path. */
    static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
