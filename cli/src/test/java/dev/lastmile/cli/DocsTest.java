package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the docs promise, checked against the code: the complete policy example loads, the function count is true. */
class DocsTest {

    private static final Path ROOT = Path.of("..");

    @TempDir
    Path tmp;

    static String block(String markdown, String heading) {
        int at = markdown.indexOf(heading);
        assertThat(at).as(heading).isNotNegative();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(markdown.substring(at));
        assertThat(m.find()).as("a yaml block under " + heading).isTrue();
        return m.group(1);
    }

    @Test
    void theCompleteExampleOfConfigurationMdLoadsAsAScanLoadsIt() throws Exception {
        String example = block(Files.readString(ROOT.resolve("docs/configuration.md")), "## A complete example");
        Path repo = tmp.resolve("r");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("a.sql"), "select 1 as x\n");
        Files.writeString(repo.resolve(".lastmile.yml"), example);
        PersonIdent who = new PersonIdent("t", "t@example.com");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the repository's own policy, with every section parsed and validated by its check (rule names included)
        int rc = Main.run(new String[] {"scan", "--repo", repo.toString(), "--full", "--offline", "--format", "json"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(rc).as(err.toString()).isIn(Main.OK, Main.FINDINGS);
        assertThat(out.toString()).contains("\"source\" : \".lastmile.yml\"");

        // and a broken copy is refused, so the check above can fail
        Files.writeString(repo.resolve("broken.yml"), example.replace("SQL031: off", "SQL999: off"));
        rc = Main.run(new String[] {"scan", "--repo", repo.toString(), "--full", "--offline", "--policy",
                repo.resolve("broken.yml").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(rc).isEqualTo(Main.USAGE);
    }

    @Test
    void theFunctionCountInTheDocsIsTheTemplates() throws Exception {
        String template = Files.readString(ROOT.resolve("infra/template.yaml"));
        int functions = template.split("Type: AWS::Serverless::Function", -1).length - 1;
        String word = Map.of(6, "six", 7, "seven", 8, "eight", 9, "nine", 10, "ten").getOrDefault(functions, "" + functions);
        assertThat(Files.readString(ROOT.resolve("docs/functions.md"))).contains("lastmile runs as " + word + " AWS Lambda functions");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("SAM, " + functions + " Lambda functions");
    }
}
