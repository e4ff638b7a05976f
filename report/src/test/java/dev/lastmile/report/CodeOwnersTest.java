package dev.lastmile.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub's CODEOWNERS rules, including the near misses (docs.github.com, "About code owners"). */
class CodeOwnersTest {

    static final String FILE = """
            # everything, unless a later line says otherwise
            *       @acme/data-platform
            *.py    @acme/python   # inline comment
            /models/finance/   @acme/finance @carol
            models/marts/**/*.sql  @acme/analytics
            docs/*  @acme/docs
            apps/   @acme/apps
            /build/logs/  @acme/ops
            models/staging/legacy.sql
            \\#odd.sql  @acme/hash
            """;

    @Test
    void theLastMatchingLineWinsWithGitignoreStylePatterns() {
        CodeOwners co = CodeOwners.parse(FILE);
        assertThat(co.owners("README.md")).containsExactly("@acme/data-platform");
        assertThat(co.owners("scripts/load.py")).as("unanchored: any depth").containsExactly("@acme/python");
        assertThat(co.owners("models/finance/revenue.sql")).containsExactly("@acme/finance", "@carol");
        assertThat(co.owners("models/finance/sub/x.sql")).as("a directory owns what is under it").containsExactly("@acme/finance", "@carol");
        assertThat(co.owners("other/models/finance/x.sql")).as("a leading / anchors").containsExactly("@acme/data-platform");
        assertThat(co.owners("models/marts/x.sql")).as("** may match no directory").containsExactly("@acme/analytics");
        assertThat(co.owners("models/marts/a/b/x.sql")).containsExactly("@acme/analytics");
        assertThat(co.owners("models/marts/x.yml")).containsExactly("@acme/data-platform");
        assertThat(co.owners("docs/getting-started.md")).containsExactly("@acme/docs");
        assertThat(co.owners("docs/build/app.md")).as("docs/* does not cross a directory").containsExactly("@acme/docs");
        assertThat(co.owners("src/apps/x.js")).as("apps/ matches a directory anywhere").containsExactly("@acme/apps");
        assertThat(co.owners("apps")).as("apps/ is a directory, not a file called apps").containsExactly("@acme/data-platform");
        assertThat(co.owners("build/logs/a.log")).containsExactly("@acme/ops");
        assertThat(co.owners("models/staging/legacy.sql")).as("a line without owners leaves the path unowned").isEmpty();
        assertThat(co.owners("#odd.sql")).containsExactly("@acme/hash");
    }

    @Test
    void githubsLocationsAreSearchedInItsOrder(@TempDir Path repo) throws Exception {
        assertThat(CodeOwners.read(repo)).isEmpty();
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/CODEOWNERS"), "* @docs-owner\n");
        assertThat(CodeOwners.read(repo).orElseThrow().owners("a.sql")).containsExactly("@docs-owner");
        Files.writeString(repo.resolve("CODEOWNERS"), "* @root-owner\n");
        assertThat(CodeOwners.read(repo).orElseThrow().owners("a.sql")).containsExactly("@root-owner");
        Files.createDirectories(repo.resolve(".github"));
        Files.writeString(repo.resolve(".github/CODEOWNERS"), "* @github-owner\n");
        assertThat(CodeOwners.read(repo).orElseThrow().owners("a.sql")).isEqualTo(List.of("@github-owner"));
        assertThat(CodeOwners.read(repo.resolve("CODEOWNERS")).orElseThrow().owners("a.sql")).containsExactly("@root-owner");
    }
}
