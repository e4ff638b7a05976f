package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * NOTICE names every library the CLI jar bundles: the build writes the CLI's runtime dependency tree to
 * target/runtime-dependencies.txt (maven-dependency-plugin, before the tests) and this test reads it. The function
 * jars' libraries, and entries nothing bundles any more, are checked by tools/release.sh over every shaded module.
 */
class NoticeTest {

    private static final Path NOTICE = Path.of("..", "NOTICE");
    private static final Path TREE = Path.of("target", "runtime-dependencies.txt");

    @Test
    void noticeNamesEveryLibraryTheCliJarBundles() throws Exception {
        assertThat(TREE).as("written by maven-dependency-plugin in generate-test-resources").exists();
        Set<String> bundled = NoticeCheck.bundled(List.of(TREE));
        assertThat(bundled).as("the CLI bundles Jackson, JGit, Jinjava, JSqlParser, the AWS SDK ...")
                .contains("com.fasterxml.jackson.core:jackson-databind", "org.eclipse.jgit:org.eclipse.jgit",
                        "com.hubspot.jinjava:jinjava", "com.github.jsqlparser:jsqlparser")
                .noneMatch(d -> d.startsWith("dev.lastmile:"))
                .as("test libraries are not bundled").noneMatch(d -> d.startsWith("org.junit") || d.startsWith("org.assertj"));
        Set<String> entries = NoticeCheck.entries(Files.readString(NOTICE));
        assertThat(NoticeCheck.missing(entries, bundled)).as("bundled by the CLI jar but not named in NOTICE").isEmpty();
    }

    @Test
    void theCheckSeesWhatIsMissingAndWhatIsStale() {
        Set<String> entries = Set.of("software.amazon.awssdk:*", "org.yaml:snakeyaml", "org.gone:gone");
        Set<String> bundled = Set.of("software.amazon.awssdk:s3", "org.yaml:snakeyaml", "org.jsoup:jsoup");
        assertThat(NoticeCheck.missing(entries, bundled)).containsExactly("org.jsoup:jsoup");
        assertThat(NoticeCheck.stale(entries, bundled)).containsExactly("org.gone:gone");
        // a group wildcard covers that group only, not one whose name merely starts the same
        assertThat(NoticeCheck.covers("software.amazon.awssdk:*", "software.amazon.awssdk.crt:aws-crt")).isFalse();
    }
}
