package dev.lastmile.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The top-level classes of one package as its module's sources declare them, loaded: what a registry test compares an
 * explicit registry with, so a rule class nobody registered is found (classpath scanning would need a library).
 */
public final class SourceClasses {

    private SourceClasses() {
    }

    /** Every class of {@code packageName} in {@code src/main/java} of the module under test, sorted by name. */
    public static List<Class<?>> of(String packageName) {
        Path dir = Path.of("src/main/java").resolve(packageName.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java")).sorted()
                    .<Class<?>>map(n -> load(packageName + "." + n.substring(0, n.length() - ".java".length())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("a source file without its class: " + name, e);
        }
    }
}
