package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** GitLab personal/project/group access tokens ({@code glpat-}), deploy tokens, runner and pipeline-trigger tokens. */
public final class GitLabToken {

    public static final RuleMeta META = new RuleMeta(
            "SEC007", "secrets.gitlab_token", Category.CREDENTIALS, Severity.HIGH,
            "GitLab token",
            "A GitLab access token reads and writes the repositories and CI settings in its scope; a runner token "
                    + "lets an attacker register a runner and receive CI jobs with their secrets.",
            "Rotate it: revoke the token in GitLab (User/Project/Group settings > Access tokens, or reset the runner "
                    + "token) now and issue a new one with the narrowest scope, read from CI/CD variables.");

    static final Detector TOKEN = new RegexDetector("gitlab-token", META,
            "A GitLab personal, project, group or deploy access token, or a runner registration token.",
            List.of("glpat-", "gldt-", "glrt-", "gloas-"),
            Pattern.compile("(?<![A-Za-z0-9_-])((?:glpat|gldt|glrt|gloas)-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])"),
            1, 3.0, List.of(RegexDetector.EXAMPLE), "GitLab token", null, 3);

    static final Detector TRIGGER = new RegexDetector("gitlab-pipeline-trigger-token", META,
            "A GitLab pipeline trigger token starts pipelines with the project's CI secrets.",
            List.of("glptt-"),
            Pattern.compile("(?<![A-Za-z0-9_-])(glptt-[0-9a-f]{40})(?![A-Za-z0-9_-])"),
            1, 3.0, List.of(), "GitLab pipeline trigger token", null, 3);

    public static List<Detector> detectors() {
        return List.of(TOKEN, TRIGGER);
    }

    private GitLabToken() {
    }
}
