package dev.lastmile.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The approving reviews of a pull request by people ({@code GET /repos/{owner}/{repo}/pulls/{n}/reviews}), counted the
 * way GitHub's own "required approvals" counts them: each reviewer's latest deciding review counts ({@code APPROVED},
 * or {@code CHANGES_REQUESTED} / {@code DISMISSED}, which take an approval back; {@code COMMENTED} and
 * {@code PENDING} decide nothing). The pull request's author never counts, and neither does a bot (an account of type
 * {@code Bot}, or a login ending in {@code [bot]}), an AI agent's included.
 */
public final class PullRequestReviews {

    /** Reviews read at most (30 pages of 100): more is no pull request lastmile will see. */
    static final int MAX_PAGES = 30;

    /** One counted approval. */
    public record Approval(String login, Instant submittedAt) {
    }

    private final GitHubApi api;
    private final String repository;

    public PullRequestReviews(GitHubApi api, String repository) {
        this.api = api;
        this.repository = repository;
    }

    /** Who opened the pull request ({@code GET /repos/{owner}/{repo}/pulls/{n}}: {@code user.login}). */
    public String author(int pullRequest) {
        return api.getJson("/repos/" + repository + "/pulls/" + pullRequest).path("user").path("login").asText("");
    }

    /** Approvals by people other than {@code author}, one per reviewer, in the order they were given. */
    public List<Approval> approvals(int pullRequest, String author) {
        List<JsonNode> reviews = api.getPaged("/repos/" + repository + "/pulls/" + pullRequest + "/reviews?per_page=100",
                null, MAX_PAGES);
        return count(reviews, author);
    }

    static List<Approval> count(List<JsonNode> reviews, String author) {
        Map<String, Approval> latest = new LinkedHashMap<>();
        for (JsonNode review : reviews) { // GitHub lists reviews oldest first
            JsonNode user = review.path("user");
            String login = user.path("login").asText("");
            if (login.isEmpty() || isBot(user) || login.equalsIgnoreCase(author == null ? "" : author)) {
                continue;
            }
            String key = login.toLowerCase(Locale.ROOT);
            switch (review.path("state").asText("")) {
                case "APPROVED" -> {
                    latest.remove(key);
                    latest.put(key, new Approval(login, instant(review.path("submitted_at").asText(""))));
                }
                case "CHANGES_REQUESTED", "DISMISSED" -> latest.remove(key);
                default -> {
                    // a comment or a pending review leaves the reviewer's decision as it was
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    static boolean isBot(JsonNode user) {
        return "Bot".equalsIgnoreCase(user.path("type").asText("")) || user.path("login").asText("").endsWith("[bot]");
    }

    private static Instant instant(String s) {
        try {
            return s.isEmpty() ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
