package dev.lastmile.check.secrets.extract;

import java.util.List;
import java.util.Optional;

/** Every extractor, in the order a path is offered to them; the first whose {@code fileRequired} says yes reads it. */
public final class Extractors {

    private static final List<Extractor> ALL = List.of(
            new NotebookExtractor(),
            new YamlExtractor(),
            new JsonExtractor(),
            new TomlExtractor(),
            new PropertiesExtractor(),
            new DockerfileExtractor(),
            new TerraformExtractor(),
            new SqlExtractor(),
            CodeExtractor.python(),
            new ShellExtractor(),
            CodeExtractor.cLike(),
            CodeExtractor.hashCommented());

    private Extractors() {
    }

    public static List<Extractor> all() {
        return ALL;
    }

    /** The extractor for {@code path}, or empty when only the provider detectors read it (Markdown, CSV, ...). */
    public static Optional<Extractor> forPath(String path) {
        for (Extractor e : ALL) {
            if (e.fileRequired(path)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
