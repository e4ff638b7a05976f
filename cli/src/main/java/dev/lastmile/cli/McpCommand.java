package dev.lastmile.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.Version;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.output.Sarif;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.git.GitRepositorySource;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lastmile mcp}: a Model Context Protocol server over stdio (the official MCP Java SDK), so coding agents
 * (Claude Code, Cursor, Copilot's agent) run lastmile on their own edits before a pull request exists. Tools:
 * {@code scan_diff} (the working tree's change against the default branch), {@code scan_files} (given files),
 * {@code explain_rule} and {@code list_rules}. Findings come back with their fix and the rule's page. Offline by
 * default: an agent's tool call should not wait on the network (the pull request's scan asks deps.dev and OSV).
 * Standard output belongs to the protocol; nothing else is written there.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Run an MCP server on stdin/stdout for coding agents (docs/agents.md).",
                "Tools: scan_diff, scan_files, explain_rule, list_rules."})
final class McpCommand implements Callable<Integer> {

    /**
     * The SDK validates tool inputs and structured outputs against JSON Schemas; lastmile's tools return text only
     * and validate their arguments in their handlers, so this validator accepts everything.
     */
    static final io.modelcontextprotocol.json.schema.JsonSchemaValidator NO_SCHEMA_VALIDATION =
            (schema, value) -> io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse.asValid(null);

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository tools scan when a call names none (default: the current directory).")
    Path repo = Path.of(".");

    @Option(names = "--online", description = "Let the dependency check ask deps.dev and OSV (default: offline, its cache only).")
    boolean online;

    @Override
    public Integer call() throws InterruptedException {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(tools.jackson.databind.json.JsonMapper.builder().build());
        CountDownLatch closed = new CountDownLatch(1);
        // the server lives until the client closes our stdin (how stdio MCP clients end a session)
        java.io.InputStream in = new java.io.FilterInputStream(System.in) {
            @Override
            public int read() throws java.io.IOException {
                int b = super.read();
                if (b < 0) {
                    closed.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws java.io.IOException {
                int n = super.read(buf, off, len);
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper, in, System.out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("lastmile", Version.current())
                .jsonMapper(mapper)
                // no schema validator ships (see cli/pom.xml): each tool checks its own arguments and names what is wrong
                .jsonSchemaValidator(NO_SCHEMA_VALIDATION)
                .validateToolInputs(false)
                .instructions("Production-readiness checks for dbt and SQL pipelines: PII exposure, hard-coded credentials, "
                        + "SQL injection, data residency, dependency licences and vulnerabilities. Call scan_diff after editing "
                        + "and before proposing a commit or pull request; fix findings with status 'new' using their 'fix'.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools(mapper))
                .build();
        closed.await();
        server.closeGracefully();
        return Main.OK;
    }

    List<SyncToolSpecification> tools(McpJsonMapper mapper) {
        List<SyncToolSpecification> tools = new ArrayList<>();
        tools.add(tool(mapper, "scan_diff", "Scan the change on this branch: the working tree (uncommitted edits included) "
                        + "against its merge base with the default branch, or against 'base'. Returns findings with fixes; "
                        + "'failed' is true when new findings reach the policy's threshold.",
                """
                {"type":"object","properties":{
                  "repo":{"type":"string","description":"Repository folder (default: the server's)."},
                  "base":{"type":"string","description":"Base revision (default: merge base with main/master)."},
                  "include_uncommitted":{"type":"boolean","description":"Scan the working tree (default true) or HEAD."},
                  "checks":{"type":"array","items":{"type":"string"},"description":"sql, secrets, residency, licenses, impact (default all)."}}}
                """, args -> {
                    ScanCommand scan = scanCommand(args);
                    scan.base = string(args, "base");
                    scan.worktree = !Boolean.FALSE.equals(args.get("include_uncommitted"));
                    return findings(scan, null);
                }));
        tools.add(tool(mapper, "scan_files", "Scan the whole working tree and return the findings in the given files "
                        + "(repository-relative paths). dbt models are judged with their whole project, as in a pull request.",
                """
                {"type":"object","required":["paths"],"properties":{
                  "paths":{"type":"array","items":{"type":"string"},"minItems":1,"description":"Repository-relative file paths."},
                  "repo":{"type":"string","description":"Repository folder (default: the server's)."},
                  "checks":{"type":"array","items":{"type":"string"},"description":"sql, secrets, residency, licenses, impact (default all)."}}}
                """, args -> {
                    List<String> paths = strings(args, "paths");
                    if (paths.isEmpty()) {
                        throw new UsageException("scan_files needs 'paths'");
                    }
                    ScanCommand scan = scanCommand(args);
                    scan.full = true;
                    scan.worktree = true;
                    Set<String> wanted = new HashSet<>();
                    paths.forEach(p -> wanted.add(p.replace('\\', '/').replaceFirst("^\\./", "")));
                    return findings(scan, wanted);
                }));
        tools.add(tool(mapper, "explain_rule", "A rule's page: what it finds, why it matters, an anti-pattern and the fix.",
                """
                {"type":"object","required":["rule"],"properties":{
                  "rule":{"type":"string","description":"Rule id (SQL001), name (sql.pii.select_star) or alias."}}}
                """, args -> {
                    String ref = string(args, "rule");
                    RuleMeta meta = ExplainCommand.find(ref == null ? "" : ref)
                            .orElseThrow(() -> new UsageException("no rule '" + ref + "'; list_rules lists them"));
                    return ExplainCommand.page(meta.id()).orElse(meta.summary()) + "\n\nOnline: " + Sarif.helpUri(meta);
                }));
        tools.add(tool(mapper, "list_rules", "Every rule: id, name, check, category, default severity, summary.",
                """
                {"type":"object","properties":{}}
                """, args -> {
                    ArrayNode rules = Json.array();
                    for (RulesCommand.Row row : RulesCommand.rows()) {
                        RuleMeta r = row.rule();
                        rules.addObject().put("id", r.id()).put("name", r.name()).put("check", row.check())
                                .put("category", r.category().id()).put("severity", r.severity().id()).put("summary", r.summary());
                    }
                    return Json.pretty(rules);
                }));
        return tools;
    }

    private ScanCommand scanCommand(Map<String, Object> args) {
        ScanCommand scan = new ScanCommand();
        String r = string(args, "repo");
        scan.repo = r == null ? repo : Path.of(r);
        List<String> checks = strings(args, "checks");
        scan.checks = checks.isEmpty() ? null : checks;
        scan.offline = !online;
        return scan;
    }

    /** The scan's findings (only those in {@code paths} when given) as the JSON an agent reads. */
    private static String findings(ScanCommand scan, Set<String> paths) {
        ScanResult result;
        try (RepositorySource source = GitRepositorySource.open(scan.repo)) {
            result = scan.scan(source, new PrintWriter(new StringWriter()));
        }
        Set<Finding> failing = Set.copyOf(result.failing());
        ObjectNode doc = Json.object();
        doc.put("repository", result.repository());
        if (result.base() != null) {
            doc.put("base", result.base());
        }
        doc.put("failOn", result.policy().failOn().id());
        ArrayNode list = doc.putArray("findings");
        int shown = 0;
        boolean failed = false;
        for (Finding f : result.findings()) {
            if (paths != null && !paths.contains(f.path())) {
                continue;
            }
            shown++;
            boolean fails = paths == null ? failing.contains(f)
                    : f.status() != FindingStatus.SUPPRESSED && f.severity().atLeast(result.policy().failOn());
            failed |= fails;
            list.addObject().put("ruleId", f.ruleId()).put("severity", f.severity().id()).put("status", f.status().id())
                    .put("fails", fails).put("path", f.path()).put("line", f.line())
                    .put("title", f.title()).put("message", f.message()).put("fix", f.remediation())
                    .put("docs", Sarif.RULES_URI + f.ruleId() + ".md");
        }
        doc.put("failed", failed);
        doc.put("total", shown);
        ArrayNode notes = doc.putArray("incomplete");
        result.runs().forEach(run -> run.incomplete().forEach(n -> notes.add(run.check() + ": " + n)));
        return Json.pretty(doc);
    }

    private static SyncToolSpecification tool(McpJsonMapper mapper, String name, String description, String schema,
                                              Function<Map<String, Object>, String> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(mapper, schema).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            try {
                return McpSchema.CallToolResult.builder().addTextContent(handler.apply(args)).isError(false).build();
            } catch (RuntimeException e) {
                // a bad argument or repository is the agent's to fix: one line, as on the command line
                return McpSchema.CallToolResult.builder().addTextContent("lastmile: " + Main.describe(e)).isError(true).build();
            }
        }).build();
    }

    private static String string(Map<String, Object> args, String key) {
        Object v = args.get(key);
        return v == null ? null : v.toString();
    }

    private static List<String> strings(Map<String, Object> args, String key) {
        Object v = args.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        } else if (v instanceof String s && !s.isBlank()) {
            for (String part : s.split(",")) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
