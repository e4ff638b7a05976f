package dev.lastmile.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds the requests a test made of its WireMock GitHub to GitHub's REST OpenAPI description ({@code @octokit/openapi},
 * fetched from the npm registry): the path and method exist, the parameters and the JSON body are what the operation
 * takes. The description is read once per JVM (13 MB); without it, {@link #assertDescribed} checks nothing and says
 * so once.
 */
public final class GitHubOpenApi {

    private static volatile Optional<OpenApiInteractionValidator> validator;
    /** URLs the client follows rather than composes: GitHub's pagination by repository id, codeload redirects. */
    private static final java.util.regex.Pattern FOLLOWED = java.util.regex.Pattern.compile("/repositories/\\d+/|/codeload/");
    private static final java.util.regex.Pattern CONTENTS = java.util.regex.Pattern.compile("(/repos/[^/]+/[^/]+/contents/)(.+)");

    private GitHubOpenApi() {
    }

    static synchronized Optional<OpenApiInteractionValidator> validator() {
        if (validator == null) {
            validator = NpmFixtures.restOpenApi().map(spec -> OpenApiInteractionValidator
                    .createForSpecificationUrl(spec.toUri().toString())
                    .withLevelResolver(LevelResolver.create()
                            // authentication is not a request's shape: the tests' tokens are stand-ins
                            .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                            // GitHub documents its vendor media type application/vnd.github+json (and .raw+json) as the
                            // Accept header to send; the description lists its answers as application/json only
                            .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
                            .build())
                    .build());
            if (validator.isEmpty()) {
                System.err.println("GitHubOpenApi: requests not checked. " + NpmFixtures.ABSENT);
            }
        }
        return validator;
    }

    /** True when the description was fetched (a test that exists only to check requests skips without it). */
    public static boolean available() {
        return validator().isPresent();
    }

    /** Every one of {@code requests} is an operation GitHub's REST description has, with what it takes. */
    public static void assertDescribed(List<LoggedRequest> requests) {
        Optional<OpenApiInteractionValidator> v = validator();
        if (v.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (LoggedRequest r : requests) {
            if (FOLLOWED.matcher(r.getUrl()).lookingAt()) {
                continue; // a URL GitHub handed the client (a Link header's next page, an archive's redirect)
            }
            ValidationReport report = v.get().validateRequest(simple(r));
            boolean noBody = r.getBody() == null || r.getBody().length == 0;
            report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    // a POST without a body (an installation token, a redelivery) has no media type to declare
                    .filter(m -> !(noBody && m.getKey().equals("validation.request.contentType.notAllowed")))
                    .forEach(m -> problems.add(r.getMethod().getName() + " " + r.getUrl() + ": " + m.getKey() + ": " + m.getMessage()));
        }
        assertThat(problems).as("requests GitHub's REST API description does not allow").isEmpty();
    }

    static SimpleRequest simple(LoggedRequest r) {
        String url = r.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        java.util.regex.Matcher contents = CONTENTS.matcher(path);
        if (contents.matches()) {
            // GitHub's {path} parameter spans segments (a file's path); the validator matches one segment
            path = contents.group(1) + contents.group(2).replace("/", "%2F");
        }
        SimpleRequest.Builder b = new SimpleRequest.Builder(r.getMethod().getName(), path);
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                b.withQueryParam(name, value);
            }
        }
        for (HttpHeader h : r.getHeaders().all()) {
            b.withHeader(h.key(), h.values());
        }
        byte[] body = r.getBody();
        if (body != null && body.length > 0) {
            b.withBody(body);
        }
        return b.build();
    }
}
