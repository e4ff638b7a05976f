package dev.lastmile.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The one summary comment lastmile keeps per pull request, found again by who wrote it: GitHub stamps a comment an
 * App's installation token wrote with {@code performed_via_github_app} (the App's id), which no one else can forge.
 * The hidden marker in the body only tells lastmile's summary from other comments the same App might write; a
 * commenter who copies the marker into their own comment is ignored. Callers must serialise updates per pull request
 * (the reporter's FIFO queue groups by pull request), so find-then-create never races with itself.
 */
public final class PullRequestComments {

    /** What an upsert did. */
    public enum Result { CREATED, UPDATED, UNCHANGED }

    private final GitHubApi api;
    private final String repository;

    public PullRequestComments(GitHubApi api, String repository) {
        this.api = api;
        this.repository = repository;
    }

    /** lastmile's own comment (written by this App) whose body holds {@code marker}, with its body. */
    public Optional<JsonNode> find(int pullRequest, String marker) {
        for (JsonNode c : api.getPaged("/repos/" + repository + "/issues/" + pullRequest + "/comments?per_page=100", null, 30)) {
            if (writtenByThisApp(c, api.appId()) && c.path("body").asText("").contains(marker)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** True when GitHub says the comment was written by the App {@code appId} (not by a person quoting it). */
    static boolean writtenByThisApp(JsonNode comment, String appId) {
        JsonNode app = comment.path("performed_via_github_app");
        return appId != null && app.isObject() && app.path("id").isIntegralNumber()
                && appId.equals(app.path("id").asText());
    }

    /** Creates the comment, or updates it when its body differs; the body must contain the marker. */
    public Result upsert(int pullRequest, String marker, String body) {
        if (!body.contains(marker)) {
            throw new IllegalArgumentException("the comment body must carry its marker");
        }
        String text = CheckRuns.cut(body, CheckRuns.MAX_TEXT);
        ObjectNode payload = GitHubHttp.MAPPER.createObjectNode().put("body", text);
        Optional<JsonNode> existing = find(pullRequest, marker);
        if (existing.isEmpty()) {
            api.post("/repos/" + repository + "/issues/" + pullRequest + "/comments", payload);
            return Result.CREATED;
        }
        if (existing.get().path("body").asText().equals(text)) {
            return Result.UNCHANGED;
        }
        api.patch("/repos/" + repository + "/issues/comments/" + existing.get().path("id").asLong(), payload);
        return Result.UPDATED;
    }
}
