package dev.lastmile.github;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * GitHub's published descriptions, fetched from the npm registry by {@code tools/fetch-npm-fixtures.sh} (which
 * {@code .ci/run} calls) into {@code .cache/npm/} at the repository root, or where {@code -Dlastmile.npm.fixtures}
 * says. Never committed; a test that needs one skips, saying so, when it is absent.
 */
public final class NpmFixtures {

    /** Why a test skipped, for {@code assumeTrue}. */
    public static final String ABSENT = "GitHub's npm descriptions are not fetched: run tools/fetch-npm-fixtures.sh "
            + "(.ci/run does) to check lastmile against @octokit/webhooks-examples, -schemas and @octokit/openapi";

    private NpmFixtures() {
    }

    /** {@code relative} under the fixtures folder, if it was fetched. */
    public static Optional<Path> file(String relative) {
        String configured = System.getProperty("lastmile.npm.fixtures");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured) : repositoryRoot().resolve(".cache/npm");
        Path f = root.resolve(relative);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    /** The repository's root: the folder holding {@code mvnw}, from the module's working directory upwards. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    public static Optional<Path> webhookExamples() {
        return file("webhooks-examples/api.github.com/index.json");
    }

    public static Optional<Path> webhookSchemas() {
        return file("webhooks-schemas/schema.json");
    }

    public static Optional<Path> restOpenApi() {
        return file("openapi/api.github.com.json");
    }
}
