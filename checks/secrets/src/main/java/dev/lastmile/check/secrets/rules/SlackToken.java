package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.Entropy;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** Slack bot, user and app tokens ({@code xoxb-}, {@code xoxp-}, {@code xapp-}) and incoming-webhook URLs. */
public final class SlackToken {

    public static final RuleMeta META = new RuleMeta(
            "SEC008", "secrets.slack_token", Category.CREDENTIALS, Severity.HIGH,
            "Slack token or webhook URL",
            "Pipelines post alerts to Slack. A bot or user token reads channels and files in its scope; a webhook "
                    + "URL lets anyone post convincing messages (phishing links) into the alert channel.",
            "Rotate it: revoke the token or webhook in the Slack app's settings now and issue a new one, read from the "
                    + "environment or the orchestrator's secrets backend.");

    static final Detector TOKEN = new RegexDetector("slack-token", META,
            "A Slack bot, user, workspace or refresh token.",
            List.of("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"),
            Pattern.compile("(?<![A-Za-z0-9_-])(xox[abeprs]-(?:[0-9]{6,}-){1,3}[A-Za-z0-9-]{10,})(?![A-Za-z0-9_-])"),
            1, 3.0, List.of(RegexDetector.EXAMPLE), "Slack token", null, 3);

    static final Detector APP_TOKEN = new RegexDetector("slack-app-token", META,
            "A Slack app-level token (Socket Mode).",
            List.of("xapp-"),
            Pattern.compile("(?<![A-Za-z0-9_-])(xapp-\\d-[A-Z0-9]{6,}-\\d{6,}-[a-f0-9]{32,})(?![A-Za-z0-9_-])"),
            1, 3.0, List.of(), "Slack app token", null, 3);

    static final Detector WEBHOOK = new RegexDetector("slack-webhook-url", META,
            "A Slack incoming-webhook URL posts into its channel without further authentication.",
            List.of("hooks.slack.com"),
            Pattern.compile("(https://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,}/[A-Z0-9]{6,}/[A-Za-z0-9]{16,})"),
            1, 0.0, List.of(RegexDetector.EXAMPLE), "Slack webhook URL",
            // the URL's fixed parts carry entropy of their own: judge the secret path segment alone
            url -> Entropy.shannon(url.substring(url.lastIndexOf('/') + 1)) >= 3.0, 3);

    public static List<Detector> detectors() {
        return List.of(TOKEN, APP_TOKEN, WEBHOOK);
    }

    private SlackToken() {
    }
}
