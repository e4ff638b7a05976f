package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.output.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lastmile mcp` as a coding agent meets it: the official SDK's MCP client, in this JVM, starts the server over
 * stdio (this build's CLI in a child JVM), lists its tools and calls each one on a repository with an uncommitted
 * credential and an unsafe model.
 */
class McpServerTest {

    @TempDir
    Path tmp;

    static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void anAgentScansItsEditsExplainsARuleAndListsRules() throws Exception {
        Path repo = tmp.resolve("shop");
        Files.createDirectories(repo.resolve("models"));
        Files.writeString(repo.resolve("models/a.sql"), "select 1 as x\n");
        PersonIdent who = new PersonIdent("t", "t@example.com");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setAuthor(who).setCommitter(who).setSign(false).call();
            git.checkout().setCreateBranch(true).setName("agent-edit").call();
        }
        // the agent's uncommitted edit
        Files.writeString(repo.resolve("profiles.yml"),
                "shop:\n  outputs:\n    ci:\n      type: postgres\n      password: \"Xq7-v9Lm2pR4tZ8w\"\n");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters params = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), "dev.lastmile.cli.Main", "mcp", "--repo", repo.toString())
                .build();
        var mapper = new JacksonMcpJsonMapper(tools.jackson.databind.json.JsonMapper.builder().build());
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(params, mapper))
                .jsonSchemaValidator(McpCommand.NO_SCHEMA_VALIDATION).requestTimeout(Duration.ofMinutes(3)).initializationTimeout(Duration.ofMinutes(1)).build()) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("lastmile");
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("scan_diff", "scan_files", "explain_rule", "list_rules");

            McpSchema.CallToolResult diff = client.callTool(new McpSchema.CallToolRequest("scan_diff", Map.of("checks", List.of("secrets"))));
            assertThat(diff.isError()).as(text(diff)).isFalse();
            JsonNode doc = Json.parse(text(diff));
            assertThat(doc.path("failed").asBoolean()).isTrue();
            JsonNode finding = doc.path("findings").get(0);
            assertThat(finding.path("ruleId").asText()).isEqualTo("SEC001");
            assertThat(finding.path("path").asText()).isEqualTo("profiles.yml");
            assertThat(finding.path("status").asText()).isEqualTo("new");
            assertThat(finding.path("fix").asText()).isNotBlank();
            assertThat(finding.path("docs").asText()).endsWith("/docs/rules/SEC001.md");
            assertThat(text(diff)).doesNotContain("Xq7-v9Lm2pR4tZ8w");

            McpSchema.CallToolResult files = client.callTool(new McpSchema.CallToolRequest("scan_files",
                    Map.of("paths", List.of("models/a.sql"), "checks", List.of("secrets"))));
            assertThat(Json.parse(text(files)).path("total").asInt()).as("only the named files").isZero();

            McpSchema.CallToolResult explain = client.callTool(new McpSchema.CallToolRequest("explain_rule", Map.of("rule", "sql.pii.select_star")));
            assertThat(text(explain)).startsWith("# SQL001").contains("## Why it matters");

            McpSchema.CallToolResult rules = client.callTool(new McpSchema.CallToolRequest("list_rules", Map.of()));
            assertThat(Json.parse(text(rules)).size()).isEqualTo(RulesCommand.rows().size());

            McpSchema.CallToolResult bad = client.callTool(new McpSchema.CallToolRequest("explain_rule", Map.of("rule", "NOPE001")));
            assertThat(bad.isError()).isTrue();
            assertThat(text(bad)).startsWith("lastmile: no rule 'NOPE001'");
        }
    }
}
