package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** Databricks personal access tokens ({@code dapi} and 32 hex digits), as pasted into dbt-databricks profiles. */
public final class DatabricksToken {

    public static final RuleMeta META = new RuleMeta(
            "SEC009", "secrets.databricks_token", Category.CREDENTIALS, Severity.HIGH,
            "Databricks personal access token",
            "A Databricks token acts as its user on the workspace: every table the user can read, every cluster and "
                    + "job they can run, and the workspace's secret scopes they can list.",
            "Rotate it: revoke the token in User settings > Developer > Access tokens now. Use OAuth machine-to-machine "
                    + "credentials for jobs and read the token from {{ env_var('DATABRICKS_TOKEN') }} in profiles.");

    static final Detector TOKEN = new RegexDetector("databricks-token", META,
            "A Databricks personal access token.",
            List.of("dapi"),
            Pattern.compile("(?<![A-Za-z0-9])(dapi[a-f0-9]{32}(?:-\\d)?)(?![A-Za-z0-9])"),
            1, 3.0, List.of(), "Databricks token", null, 3);

    public static List<Detector> detectors() {
        return List.of(TOKEN);
    }

    private DatabricksToken() {
    }
}
