package dev.lastmile.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The working tree that contains a folder, found the way git finds it (walking up to the folder with .git). */
final class GitRoots {

    private GitRoots() {
    }

    static Optional<Path> workTree(Path dir) {
        FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(dir.toAbsolutePath().normalize().toFile());
        if (b.getGitDir() == null) {
            return Optional.empty();
        }
        try {
            b.setup();
            return b.getWorkTree() == null ? Optional.empty() : Optional.of(b.getWorkTree().toPath().toAbsolutePath().normalize());
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
