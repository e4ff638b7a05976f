package dev.lastmile.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Check runs of one repository: found or created by name on a head commit (so a retried job reuses its run instead of
 * adding a second one), started, and completed with annotations sent 50 a request (GitHub's limit; later requests
 * append) and texts cut to 65,535 characters (GitHub rejects longer ones with 422).
 */
public final class CheckRuns {

    public static final int ANNOTATIONS_PER_REQUEST = 50;
    public static final int MAX_TEXT = 65_535;
    /** GitHub's limit for one annotation's message. */
    static final int MAX_ANNOTATION_MESSAGE = 64 * 1024 - 1;

    /** One annotation: {@code level} is {@code notice}, {@code warning} or {@code failure}. */
    public record Annotation(String path, int startLine, int endLine, String level, String title, String message) {
    }

    /** A button on the completed run (at most 3); a click sends {@code check_run requested_action}. */
    public record Action(String label, String description, String identifier) {
    }

    private final GitHubApi api;
    private final String repository;

    public CheckRuns(GitHubApi api, String repository) {
        this.api = api;
        this.repository = repository;
    }

    /**
     * The latest run called {@code name} on {@code headSha} that belongs to the job {@code externalId} (any job when
     * null), if any.
     */
    public Optional<Long> find(String headSha, String name, String externalId) {
        JsonNode runs = api.getJson("/repos/" + repository + "/commits/" + headSha + "/check-runs?check_name="
                + GitHubRepositorySource.encode(name) + "&filter=latest&per_page=100");
        for (JsonNode run : runs.path("check_runs")) {
            if (name.equals(run.path("name").asText())
                    && (externalId == null || externalId.equals(run.path("external_id").asText(null)))) {
                return Optional.of(run.path("id").asLong());
            }
        }
        return Optional.empty();
    }

    /**
     * Finds this job's run or creates it queued. {@code externalId} (the scan job's id) ties the run to its job: a
     * retried job finds and reuses its run, while a re-run (a new job on the same head) gets a new run, as GitHub
     * expects an App to answer a re-run request.
     */
    public long findOrCreate(String headSha, String name, String externalId) {
        Optional<Long> existing = find(headSha, name, externalId);
        if (existing.isPresent()) {
            return existing.get();
        }
        ObjectNode body = GitHubHttp.MAPPER.createObjectNode();
        body.put("name", name);
        body.put("head_sha", headSha);
        body.put("status", "queued");
        if (externalId != null) {
            body.put("external_id", externalId);
        }
        return api.post("/repos/" + repository + "/check-runs", body).json().path("id").asLong();
    }

    public void inProgress(long id, Instant startedAt) {
        ObjectNode body = GitHubHttp.MAPPER.createObjectNode();
        body.put("status", "in_progress");
        body.put("started_at", startedAt.toString());
        api.patch("/repos/" + repository + "/check-runs/" + id, body);
    }

    /**
     * Completes the run: the first request carries the conclusion, texts, buttons and the first 50 annotations; each
     * further request the next 50 (GitHub appends them). Returns the number of requests sent.
     */
    public int complete(long id, String conclusion, String title, String summary, String text,
                        List<Annotation> annotations, List<Action> actions, Instant completedAt) {
        int requests = 0;
        int from = 0;
        do {
            List<Annotation> batch = annotations.subList(from, Math.min(annotations.size(), from + ANNOTATIONS_PER_REQUEST));
            ObjectNode body = GitHubHttp.MAPPER.createObjectNode();
            if (from == 0) {
                body.put("status", "completed");
                body.put("conclusion", conclusion);
                body.put("completed_at", completedAt.toString());
                if (actions != null && !actions.isEmpty()) {
                    ArrayNode a = body.putArray("actions");
                    for (Action action : actions.subList(0, Math.min(3, actions.size()))) {
                        a.addObject().put("label", cut(action.label(), 20)).put("description", cut(action.description(), 40))
                                .put("identifier", cut(action.identifier(), 20));
                    }
                }
            }
            ObjectNode output = body.putObject("output");
            output.put("title", cut(title, 1000));
            output.put("summary", cut(summary, MAX_TEXT));
            if (from == 0 && text != null && !text.isEmpty()) {
                output.put("text", cut(text, MAX_TEXT));
            }
            if (!batch.isEmpty()) {
                ArrayNode list = output.putArray("annotations");
                for (Annotation an : batch) {
                    ObjectNode n = list.addObject();
                    n.put("path", an.path());
                    n.put("start_line", Math.max(1, an.startLine()));
                    n.put("end_line", Math.max(Math.max(1, an.startLine()), an.endLine()));
                    n.put("annotation_level", an.level());
                    if (an.title() != null) {
                        n.put("title", cut(an.title(), 255));
                    }
                    n.put("message", cut(an.message(), MAX_ANNOTATION_MESSAGE));
                }
            }
            api.patch("/repos/" + repository + "/check-runs/" + id, body);
            requests++;
            from += ANNOTATIONS_PER_REQUEST;
        } while (from < annotations.size());
        return requests;
    }

    /** Cuts at {@code max} characters, ending with an ellipsis, without splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s == null ? "" : s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
