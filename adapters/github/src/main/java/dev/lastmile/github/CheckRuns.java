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
        return findRun(headSha, name, externalId).map(r -> r.path("id").asLong());
    }

    /** As {@link #find}, with the whole run as GitHub describes it (status, conclusion, output counts). */
    public Optional<JsonNode> findRun(String headSha, String name, String externalId) {
        JsonNode runs = api.getJson("/repos/" + repository + "/commits/" + headSha + "/check-runs?check_name="
                + GitHubRepositorySource.encode(name) + "&filter=latest&per_page=100");
        for (JsonNode run : runs.path("check_runs")) {
            if (name.equals(run.path("name").asText())
                    && (externalId == null || externalId.equals(run.path("external_id").asText(null)))) {
                return Optional.of(run);
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
            requireOk(api.patch("/repos/" + repository + "/check-runs/" + id,
                    body(from, conclusion, title, summary, text, annotations, actions, completedAt)), id);
            requests++;
            from += ANNOTATIONS_PER_REQUEST;
        } while (from < annotations.size());
        return requests;
    }

    /**
     * One request's body: the first ({@code from} 0) carries the conclusion, texts, buttons and the first 50
     * annotations; each further one the next 50 (GitHub appends them).
     */
    private static ObjectNode body(int from, String conclusion, String title, String summary, String text,
                                   List<Annotation> annotations, List<Action> actions, Instant completedAt) {
        List<Annotation> batch = annotations.subList(Math.min(from, annotations.size()),
                Math.min(annotations.size(), from + ANNOTATIONS_PER_REQUEST));
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
        return body;
    }

    /** What {@link #publish} did. */
    public record Published(long id, int requests, boolean annotationsDropped) {
    }

    /**
     * Completes the job's run on {@code headSha}, as few content-creating requests as it takes, and never twice:
     * <ul>
     *   <li>no run yet: one POST creates it completed, with the first 50 annotations (full scans need no
     *       queued/in-progress round trips);</li>
     *   <li>a run already completed with this conclusion, title and every annotation (a redelivered report): nothing
     *       is sent, so its annotations are not appended a second time;</li>
     *   <li>a run completed otherwise (an earlier attempt failed half-way through its annotations, which GitHub
     *       appends and cannot take back): a new run of the same name replaces it, as GitHub shows the latest;</li>
     *   <li>a queued or running run: PATCHed, as {@link #complete}.</li>
     * </ul>
     * A write GitHub rejects is not left in silence: a 404 (the run is gone) creates a new run; a 422 with annotations
     * is tried again without them, saying so; any other rejection first leaves a visible state (the conclusion if it
     * fails, else {@code neutral}, titled "could not publish") and then throws, so the message is retried and finally
     * dead-lettered. Rate limits are thrown at once (the queue waits for the reset).
     */
    public Published publish(String headSha, String name, String externalId, String conclusion, String title,
                             String summary, String text, List<Annotation> annotations, List<Action> actions,
                             Instant completedAt) {
        Optional<JsonNode> existing = findRun(headSha, name, externalId);
        if (existing.isPresent() && alreadyPublished(existing.get(), conclusion, title, annotations.size())) {
            return new Published(existing.get().path("id").asLong(), 0, false);
        }
        Long id = existing.filter(r -> !r.path("status").asText().equals("completed")).map(r -> r.path("id").asLong()).orElse(null);
        try {
            return write(id, headSha, name, externalId, conclusion, title, summary, text, annotations, actions, completedAt, false);
        } catch (RateLimitedException e) {
            throw e;
        } catch (GitHubException e) {
            if (e.status() == 422 && !annotations.isEmpty()) {
                String note = "GitHub refused this run's annotations (" + cut(e.getMessage(), 300) + "); the summary lists every finding.";
                return write(id, headSha, name, externalId, conclusion, title, summary,
                        text == null ? note : note + "\n\n" + text, List.of(), actions, completedAt, true);
            }
            try {
                write(id, headSha, name, externalId, conclusion.equals("failure") ? "failure" : "neutral",
                        "lastmile could not publish this report", "GitHub refused the report of this check ("
                                + cut(e.getMessage(), 500) + "). lastmile retries it; if it keeps failing, the report waits "
                                + "in the reporter's dead-letter queue.", null, List.of(), actions, completedAt, true);
            } catch (GitHubException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    private static boolean alreadyPublished(JsonNode run, String conclusion, String title, int annotations) {
        JsonNode output = run.path("output");
        return run.path("status").asText().equals("completed") && conclusion.equals(run.path("conclusion").asText())
                && cut(title, 1000).equals(output.path("title").asText(null))
                && output.path("annotations_count").asInt(-1) == annotations;
    }

    /** Creates (id null) or updates the run, then appends the remaining annotations 50 a request. */
    private Published write(Long id, String headSha, String name, String externalId, String conclusion, String title,
                            String summary, String text, List<Annotation> annotations, List<Action> actions,
                            Instant completedAt, boolean dropped) {
        int requests = 0;
        long runId;
        if (id == null) {
            ObjectNode body = body(0, conclusion, title, summary, text, annotations, actions, completedAt);
            body.put("name", name);
            body.put("head_sha", headSha);
            if (externalId != null) {
                body.put("external_id", externalId);
            }
            runId = created(api.post("/repos/" + repository + "/check-runs", body));
            requests++;
        } else {
            GitHubHttp.Response r = api.patch("/repos/" + repository + "/check-runs/" + id,
                    body(0, conclusion, title, summary, text, annotations, actions, completedAt));
            requests++;
            if (r.status() == 404) {
                // the run is gone (deleted with its suite): a new one, so the result is not lost
                return write(null, headSha, name, externalId, conclusion, title, summary, text, annotations, actions,
                        completedAt, dropped);
            }
            runId = id;
        }
        for (int from = ANNOTATIONS_PER_REQUEST; from < annotations.size(); from += ANNOTATIONS_PER_REQUEST) {
            requireOk(api.patch("/repos/" + repository + "/check-runs/" + runId,
                    body(from, conclusion, title, summary, text, annotations, actions, completedAt)), runId);
            requests++;
        }
        return new Published(runId, requests, dropped);
    }

    private static long created(GitHubHttp.Response r) {
        if (!r.ok() || !r.json().path("id").isIntegralNumber()) {
            throw new GitHubException(r.status(), "GitHub answered " + r.status() + " to creating a check run");
        }
        return r.json().path("id").asLong();
    }

    private static void requireOk(GitHubHttp.Response r, long id) {
        if (!r.ok()) {
            throw new GitHubException(r.status(), "GitHub answered " + r.status() + " to updating check run " + id);
        }
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
