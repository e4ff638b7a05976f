package dev.lastmile.dbt;

import java.util.List;
import java.util.Optional;

/** The files of one revision of a repository, as the dbt loader needs them (a scan context, a directory, a test map). */
public interface ProjectFiles {

    /** Every path, repository-relative with forward slashes, installed packages included. */
    List<String> files();

    /** A file's text; empty when absent or binary. */
    Optional<String> read(String path);

    static ProjectFiles of(java.util.Map<String, String> files) {
        return of(List.copyOf(files.keySet()), path -> Optional.ofNullable(files.get(path)));
    }

    /** The files {@code paths}, read by {@code reader}. */
    static ProjectFiles of(List<String> paths, java.util.function.Function<String, Optional<String>> reader) {
        return new ProjectFiles() {
            @Override
            public List<String> files() {
                return paths;
            }

            @Override
            public Optional<String> read(String path) {
                return reader.apply(path);
            }
        };
    }
}
