package dev.lastmile.functions.common;

import dev.lastmile.core.source.InMemorySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo dbt shop of {@code examples/demo} as an in-memory repository: {@code base/} at the base commit of the
 * scan-job event, {@code base/} with {@code pr/} laid over it at its head commit.
 */
public final class DemoRepository {

    public static final String BASE = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    public static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    private DemoRepository() {
    }

    public static Path folder() {
        return Events.folder().getParent().resolve("examples/demo");
    }

    public static InMemorySource load(String repository) {
        InMemorySource source = new InMemorySource(repository).revision(BASE).revision(HEAD);
        Path demo = folder();
        for (var entry : List.of(new Object[] {"base", List.of(BASE, HEAD)}, new Object[] {"pr", List.of(HEAD)})) {
            Path dir = demo.resolve((String) entry[0]);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = dir.relativize(f).toString().replace('\\', '/');
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    @SuppressWarnings("unchecked")
                    List<String> revisions = (List<String>) entry[1];
                    revisions.forEach(r -> source.put(r, rel, text));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }
}
