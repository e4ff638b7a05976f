package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.output.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lastmile demo` is the README's main command: it must build the repository, check it offline and show results. */
class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theDemoBuildsItsRepositoryChecksThePullRequestAndWritesEveryOutput() throws Exception {
        Path dir = tmp.resolve("demo");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new String[] {"demo", "--dir", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(rc).as(err.toString()).isZero();

        try (Git git = Git.open(dir.resolve("repo").toFile())) {
            assertThat(git.log().call()).hasSize(2);
            assertThat(git.getRepository().getBranch()).isEqualTo(DemoCommand.PR_BRANCH);
        }
        assertThat(dir.resolve("repo/models/marts/customer_orders.sql")).exists();
        assertThat(dir.resolve("repo/.lastmile.yml")).exists();
        for (String f : new String[] {"lastmile.sarif", "lastmile.json", "summary.md", "report/index.html",
                "report/summary.json", "report/findings.csv"}) {
            assertThat(dir.resolve(f)).exists();
        }
        assertThat(out.toString()).startsWith("lastmile demo: pull request #1 of demo/shop").contains("fail the pull request")
                .contains("Pull-request summary (Markdown): ").contains("SARIF (code scanning): ").contains("Findings report (HTML): ")
                .doesNotContain("<!-- lastmile:summary -->");
        assertThat(Files.readString(dir.resolve("summary.md"))).startsWith("<!-- lastmile:summary -->");

        JsonNode doc = Json.parse(Files.readString(dir.resolve("lastmile.json")));
        assertThat(doc.path("repository").asText()).isEqualTo("demo/shop");
        assertThat(doc.path("pullRequest").asInt()).isEqualTo(1);
        // every check this build carries shows at least one finding on the demo pull request
        Set<String> checksWithFindings = new HashSet<>();
        doc.path("findings").forEach(f -> checksWithFindings.add(f.path("check").asText()));
        assertThat(checksWithFindings).containsAll(CheckRegistry.names());

        // a second run replaces the previous demo instead of failing or piling up
        assertThat(Main.run(new String[] {"demo", "--dir", dir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))).isZero();
    }

    @Test
    void theDemoRefusesToOverwriteAFolderItDidNotMake() throws Exception {
        Path dir = tmp.resolve("precious");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("thesis.tex"), "years of work");
        StringWriter err = new StringWriter();
        assertThat(Main.run(new String[] {"demo", "--dir", dir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("is not a lastmile demo folder");
        assertThat(dir.resolve("thesis.tex")).exists();
    }
}
