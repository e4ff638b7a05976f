package dev.lastmile.functions.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.util.Texts;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state GitHub keeps for the parts of its REST API lastmile uses, as a WireMock transformer: a repository's
 * contents at each commit and a pull request's files (from an in-memory repository), check runs per head commit and
 * name, and issue comments. WireMock's request journal records every call, so tests assert exactly what GitHub
 * received; this class only answers the way GitHub documents.
 */
final class FakeGitHub implements ResponseDefinitionTransformerV2 {

    static final String NAME = "fake-github";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final InMemorySource repository;
    private final Map<Integer, String[]> pulls = new LinkedHashMap<>();
    final Map<Long, ObjectNode> checkRuns = new LinkedHashMap<>();
    final Map<Long, List<Integer>> annotationBatches = new LinkedHashMap<>();
    final Map<Long, ObjectNode> comments = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);

    FakeGitHub(InMemorySource repository) {
        this.repository = repository;
    }

    /** The repository GitHub serves; a test may change a file of a revision before delivering an event. */
    InMemorySource repository() {
        return repository;
    }

    synchronized void pull(int number, String base, String head) {
        pulls.put(number, new String[] {base, head});
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request r = event.getRequest();
        String method = r.getMethod().getName();
        String url = r.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String prefix = "/repos/acme/shop";
        if (!path.startsWith(prefix)) {
            return json(404, "{\"message\":\"Not Found\"}");
        }
        String rest = path.substring(prefix.length());
        try {
            if (method.equals("GET") && rest.startsWith("/contents/")) {
                String file = URLDecoder.decode(rest.substring("/contents/".length()), StandardCharsets.UTF_8);
                String ref = r.queryParameter("ref").firstValue();
                Optional<byte[]> bytes = repository.read(ref, file);
                return bytes.map(b -> new ResponseDefinitionBuilder().withStatus(200)
                        .withHeader("Content-Type", "application/vnd.github.raw+json").withBody(b).build())
                        .orElseGet(() -> json(404, "{\"message\":\"Not Found\"}"));
            }
            if (method.equals("GET") && rest.matches("/pulls/\\d+/files")) {
                String[] pr = pulls.get(Integer.parseInt(rest.split("/")[2]));
                ArrayNode files = MAPPER.createArrayNode();
                for (ChangedFile f : repository.changes(pr[0], pr[1])) {
                    ObjectNode n = files.addObject();
                    n.put("filename", f.path());
                    n.put("status", f.kind() == ChangedFile.Kind.ADDED ? "added" : f.isDeleted() ? "removed" : "modified");
                    if (!f.isDeleted()) {
                        n.put("patch", patch(f, Texts.lines(Texts.decode(repository.read(pr[1], f.path()).orElseThrow()).orElse(""))));
                    }
                }
                return json(200, files.toString());
            }
            if (method.equals("GET") && rest.matches("/git/trees/[0-9a-f]+")) {
                String sha = rest.split("/")[3];
                ArrayNode tree = MAPPER.createArrayNode();
                repository.files(sha).forEach(p -> tree.addObject().put("path", p).put("type", "blob"));
                return json(200, "{\"sha\":\"" + sha + "\",\"truncated\":false,\"tree\":" + tree + "}");
            }
            if (method.equals("GET") && rest.matches("/zipball/[0-9a-f]+")) {
                String sha = rest.split("/")[2];
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
                    for (String file : repository.files(sha)) {
                        zip.putNextEntry(new java.util.zip.ZipEntry("acme-shop-" + sha.substring(0, 7) + "/" + file));
                        zip.write(repository.read(sha, file).orElseThrow());
                        zip.closeEntry();
                    }
                }
                return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/zip")
                        .withBody(out.toByteArray()).build();
            }
            if (method.equals("GET") && rest.matches("/pulls/\\d+/commits")) {
                String[] pr = pulls.get(Integer.parseInt(rest.split("/")[2]));
                ArrayNode commits = MAPPER.createArrayNode();
                repository.commits(pr[0], pr[1]).forEach(c -> commits.addObject().put("sha", c));
                return json(200, commits.toString());
            }
            if (method.equals("GET") && rest.matches("/commits/[0-9a-f]{40}")) {
                String sha = rest.split("/")[2];
                ObjectNode commit = MAPPER.createObjectNode().put("sha", sha);
                ArrayNode files = commit.putArray("files");
                for (ChangedFile f : repository.changesOf(sha)) {
                    ObjectNode n = files.addObject().put("filename", f.path())
                            .put("status", f.kind() == ChangedFile.Kind.ADDED ? "added" : f.isDeleted() ? "removed" : "modified");
                    if (!f.isDeleted()) {
                        n.put("patch", patch(f, Texts.lines(Texts.decode(repository.read(sha, f.path()).orElseThrow()).orElse(""))));
                    }
                }
                return json(200, commit.toString());
            }
            if (method.equals("GET") && rest.matches("/pulls/\\d+")) {
                String[] pr = pulls.get(Integer.parseInt(rest.split("/")[2]));
                return json(200, "{\"changed_files\":" + repository.changes(pr[0], pr[1]).size()
                        + ",\"head\":{\"sha\":\"" + pr[1] + "\"},\"base\":{\"sha\":\"" + pr[0] + "\"}}");
            }
            if (method.equals("GET") && rest.matches("/commits/[0-9a-f]+/check-runs")) {
                String sha = rest.split("/")[2];
                String name = r.queryParameter("check_name").firstValue();
                ArrayNode runs = MAPPER.createArrayNode();
                checkRuns.values().stream().filter(c -> c.path("head_sha").asText().equals(sha) && c.path("name").asText().equals(name))
                        .forEach(runs::add);
                return json(200, "{\"total_count\":" + runs.size() + ",\"check_runs\":" + runs + "}");
            }
            if (method.equals("POST") && rest.equals("/check-runs")) {
                ObjectNode run = (ObjectNode) MAPPER.readTree(r.getBodyAsString());
                JsonNode annotations = run.path("output").path("annotations");
                if (annotations.size() > 50) {
                    return json(422, "{\"message\":\"Only 50 annotations are allowed per request\"}");
                }
                long id = ids.incrementAndGet();
                run.put("id", id);
                run.put("status", run.path("status").asText("queued"));
                checkRuns.put(id, run);
                annotationBatches.put(id, new ArrayList<>());
                if (run.has("output")) {
                    // as GitHub describes a run: the annotations are counted, not listed
                    annotationBatches.get(id).add(annotations.size());
                    ((ObjectNode) run.get("output")).remove("annotations");
                    ((ObjectNode) run.get("output")).put("annotations_count", annotations.size());
                }
                return json(201, run.toString());
            }
            if (method.equals("PATCH") && rest.matches("/check-runs/\\d+")) {
                long id = Long.parseLong(rest.split("/")[2]);
                ObjectNode run = checkRuns.get(id);
                if (run == null) {
                    return json(404, "{\"message\":\"Not Found\"}");
                }
                JsonNode patch = MAPPER.readTree(r.getBodyAsString());
                patch.properties().forEach(e -> {
                    if (!e.getKey().equals("output")) {
                        run.set(e.getKey(), e.getValue());
                    }
                });
                JsonNode annotations = patch.path("output").path("annotations");
                if (annotations.size() > 50) {
                    return json(422, "{\"message\":\"Only 50 annotations are allowed per request\"}");
                }
                if (patch.path("output").path("summary").asText().length() > 65_535) {
                    return json(422, "{\"message\":\"summary is too long (maximum is 65535 characters)\"}");
                }
                if (!patch.path("output").isMissingNode()) {
                    annotationBatches.get(id).add(annotations.size());
                    int count = run.path("output").path("annotations_count").asInt(0) + annotations.size();
                    ObjectNode output = ((ObjectNode) patch.path("output")).deepCopy();
                    output.remove("annotations");
                    output.put("annotations_count", count);
                    run.set("output", output);
                }
                return json(200, run.toString());
            }
            if (method.equals("GET") && rest.matches("/issues/\\d+/comments")) {
                ArrayNode list = MAPPER.createArrayNode();
                comments.values().forEach(list::add);
                return json(200, list.toString());
            }
            if (method.equals("POST") && rest.matches("/issues/\\d+/comments")) {
                ObjectNode c = (ObjectNode) MAPPER.readTree(r.getBodyAsString());
                if (c.path("body").asText().length() > 65_536) {
                    return json(422, "{\"message\":\"body is too long (maximum is 65536 characters)\"}");
                }
                long id = ids.incrementAndGet();
                c.put("id", id);
                c.putObject("user").put("login", "lastmile[bot]").put("type", "Bot");
                // GitHub's stamp on what an App's installation token wrote
                c.putObject("performed_via_github_app").put("id", Long.parseLong(dev.lastmile.github.TestApp.APP_ID)).put("slug", "lastmile");
                comments.put(id, c);
                return json(201, c.toString());
            }
            if (method.equals("PATCH") && rest.matches("/issues/comments/\\d+")) {
                ObjectNode c = comments.get(Long.parseLong(rest.split("/")[3]));
                if (c == null) {
                    return json(404, "{\"message\":\"Not Found\"}");
                }
                c.put("body", MAPPER.readTree(r.getBodyAsString()).path("body").asText());
                return json(200, c.toString());
            }
        } catch (Exception e) {
            return json(500, "{\"message\":\"fake GitHub: " + e.getClass().getSimpleName() + "\"}");
        }
        return json(404, "{\"message\":\"Not Found\"}");
    }

    /** A unified-diff patch marking the changed lines of {@code f} as added, as GitHub's file list carries. */
    private static String patch(ChangedFile f, List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (int[] range : (f.changedLines().isAll() ? dev.lastmile.core.scan.LineRanges.single(1, Math.max(1, lines.size())) : f.changedLines()).ranges()) {
            int to = Math.min(range[1], lines.size());
            if (to < range[0]) {
                continue;
            }
            b.append("@@ -").append(range[0] - 1).append(",0 +").append(range[0]).append(',').append(to - range[0] + 1).append(" @@\n");
            for (int i = range[0]; i <= to; i++) {
                b.append('+').append(lines.get(i - 1)).append('\n');
            }
        }
        return b.toString();
    }

    private static ResponseDefinition json(int status, String body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }
}
