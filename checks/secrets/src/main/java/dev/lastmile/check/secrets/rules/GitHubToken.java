package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** GitHub personal access tokens (classic {@code ghp_} and fine-grained {@code github_pat_}), OAuth, app and refresh tokens. */
public final class GitHubToken {

    public static final RuleMeta META = new RuleMeta(
            "SEC006", "secrets.github_token", Category.CREDENTIALS, Severity.HIGH,
            "GitHub token",
            "A GitHub token acts as its user or app: it can read private repositories (with their dbt profiles and "
                    + "pipeline code), push code, and read Actions secrets' consumers.",
            "Rotate it: revoke the token now (Settings > Developer settings > Tokens, or the app's installation), then issue a "
                    + "new one with the narrowest scope. In CI use the built-in GITHUB_TOKEN or a GitHub App.");

    static final Detector CLASSIC = new RegexDetector("github-token", META,
            "A GitHub personal, OAuth, user-to-server, server-to-server or refresh token.",
            List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            Pattern.compile("(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])"),
            1, 3.0, List.of(RegexDetector.EXAMPLE), "GitHub token", null, 3);

    static final Detector FINE_GRAINED = new RegexDetector("github-fine-grained-pat", META,
            "A GitHub fine-grained personal access token.",
            List.of("github_pat_"),
            Pattern.compile("(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])"),
            1, 3.0, List.of(RegexDetector.EXAMPLE), "GitHub fine-grained personal access token", null, 3);

    public static List<Detector> detectors() {
        return List.of(CLASSIC, FINE_GRAINED);
    }

    private GitHubToken() {
    }
}
