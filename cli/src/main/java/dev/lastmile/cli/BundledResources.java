package dev.lastmile.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Copies a folder of class-path resources (from the jar, or from target/classes in tests) to disk. */
final class BundledResources {

    private BundledResources() {
    }

    static boolean exists(String resourceDir) {
        return BundledResources.class.getClassLoader().getResource(resourceDir) != null;
    }

    static void copyTree(String resourceDir, Path target) throws IOException {
        URL url = BundledResources.class.getClassLoader().getResource(resourceDir);
        if (url == null) {
            throw new IllegalStateException("missing bundled resource folder " + resourceDir);
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if ("jar".equals(uri.getScheme())) {
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            copy(fs.getPath(resourceDir), target);
        } else {
            copy(Path.of(uri), target);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                Path dest = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.createDirectories(dest.getParent());
                        Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
