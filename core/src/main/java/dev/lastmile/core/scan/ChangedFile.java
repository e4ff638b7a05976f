package dev.lastmile.core.scan;

import java.util.Objects;

/**
 * One file of the change under review, at head.
 *
 * @param path         repository-relative path at head (at base for a deleted file), forward slashes
 * @param kind         what happened to it
 * @param previousPath the path at base when renamed, otherwise the same as {@code path}
 * @param changedLines the head lines added or modified ({@link LineRanges#ALL} for added files and full scans)
 */
public record ChangedFile(String path, Kind kind, String previousPath, LineRanges changedLines) {

    public enum Kind { ADDED, MODIFIED, RENAMED, DELETED, UNCHANGED }

    public ChangedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        previousPath = previousPath == null ? path : previousPath;
        changedLines = changedLines == null ? LineRanges.NONE : changedLines;
    }

    /** A file taken whole, as in a full scan. */
    public static ChangedFile whole(String path) {
        return new ChangedFile(path, Kind.UNCHANGED, path, LineRanges.ALL);
    }

    public boolean isDeleted() {
        return kind == Kind.DELETED;
    }
}
