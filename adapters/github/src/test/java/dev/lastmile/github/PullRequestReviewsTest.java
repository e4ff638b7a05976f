package dev.lastmile.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PullRequestReviewsTest {

    @RegisterExtension
    static final WireMockExtension github = WireMockExtension.newInstance().options(options().dynamicPort()).build();
    private GitHubApi api;

    @BeforeEach
    void reset() {
        TestApp.stubInstallationToken(github);
        api = TestApp.installationApi(TestApp.http(URI.create(github.baseUrl()), null, new TestApp.RecordingSleeper()));
    }

    @AfterEach
    void everyRequestIsOneGitHubsRestDescriptionAllows() {
        GitHubOpenApi.assertDescribed(github.getAllServeEvents().stream()
                .map(com.github.tomakehurst.wiremock.stubbing.ServeEvent::getRequest).toList());
    }

    private static String review(String login, String type, String state, String at) {
        return "{\"id\":1,\"user\":{\"login\":\"" + login + "\",\"type\":\"" + type + "\"},\"state\":\"" + state
                + "\",\"submitted_at\":\"" + at + "\",\"commit_id\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\"}";
    }

    @Test
    void onlyPeopleOtherThanTheAuthorCountAndTheirLatestDecisionWins() {
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls/42"))
                .willReturn(okJson("{\"number\":42,\"user\":{\"login\":\"octocat\",\"type\":\"User\"}}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls/42/reviews")).willReturn(okJson("[" + String.join(",",
                review("octocat", "User", "APPROVED", "2026-11-25T08:00:00Z"),           // the author
                review("copilot-swe-agent[bot]", "Bot", "APPROVED", "2026-11-25T08:01:00Z"), // an agent
                review("dependabot[bot]", "Bot", "APPROVED", "2026-11-25T08:01:00Z"),
                review("alice", "User", "APPROVED", "2026-11-25T08:02:00Z"),
                review("bob", "User", "APPROVED", "2026-11-25T08:03:00Z"),
                review("bob", "User", "CHANGES_REQUESTED", "2026-11-25T08:04:00Z"),     // takes it back
                review("alice", "User", "COMMENTED", "2026-11-25T08:05:00Z"),           // decides nothing
                review("carol", "User", "DISMISSED", "2026-11-25T08:06:00Z"),
                review("Dave", "User", "CHANGES_REQUESTED", "2026-11-25T08:07:00Z"),
                review("dave", "User", "APPROVED", "2026-11-25T08:08:00Z")) + "]")));

        PullRequestReviews reviews = new PullRequestReviews(api, "acme/shop");
        String author = reviews.author(42);
        assertThat(author).isEqualTo("octocat");
        assertThat(reviews.approvals(42, author)).extracting(PullRequestReviews.Approval::login).containsExactly("alice", "dave");
        assertThat(reviews.approvals(42, author).getFirst().submittedAt()).hasToString("2026-11-25T08:02:00Z");
    }

    @Test
    void noReviewsMeansNoApprovals() {
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls/7/reviews")).willReturn(okJson("[]")));
        assertThat(new PullRequestReviews(api, "acme/shop").approvals(7, "octocat")).isEmpty();
    }
}
