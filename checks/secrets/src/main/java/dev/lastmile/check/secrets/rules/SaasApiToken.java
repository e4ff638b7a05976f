package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * API tokens of the services a data team's code talks to, recognisable by their documented prefixes: dbt Cloud
 * service and personal tokens ({@code dbtc_}, {@code dbtu_}), PyPI upload tokens, npm tokens, Hugging Face tokens,
 * Google API keys ({@code AIza}), OpenAI and Anthropic API keys, SendGrid API keys.
 */
public final class SaasApiToken {

    public static final RuleMeta META = new RuleMeta(
            "SEC014", "secrets.saas_api_token", Category.CREDENTIALS, Severity.HIGH,
            "API token of a hosted service",
            "A dbt Cloud token triggers and edits jobs and reads run artifacts; a PyPI or npm token publishes packages "
                    + "under your name (a supply-chain attack on everyone who installs them); model-provider keys are "
                    + "billed to you; a mail API key sends phishing from your domain.",
            "Rotate it: revoke the token in the service's settings now and issue a new one, stored in the CI secret "
                    + "store or a secret manager and read from the environment.");

    private static final List<Pattern> NO_ALLOWLIST = List.of(RegexDetector.EXAMPLE);

    static final Detector DBT_CLOUD = new RegexDetector("dbt-cloud-token", META,
            "A dbt Cloud service token or personal access token runs and edits jobs of its account.",
            List.of("dbtc_", "dbtu_"),
            Pattern.compile("(?<![A-Za-z0-9_])(dbt[cu]_[A-Za-z0-9_-]{40,80})(?![A-Za-z0-9_-])"),
            1, 3.5, NO_ALLOWLIST, "dbt Cloud token", null, 3);

    static final Detector PYPI = new RegexDetector("pypi-token", META,
            "A PyPI API token uploads releases of the packages in its scope.",
            List.of("pypi-ageichlwas5vcmc"),
            Pattern.compile("(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000})"),
            1, 3.5, NO_ALLOWLIST, "PyPI upload token", null, 3);

    static final Detector NPM = new RegexDetector("npm-token", META,
            "An npm access token publishes packages as its user.",
            List.of("npm_"),
            Pattern.compile("(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])"),
            1, 3.5, NO_ALLOWLIST, "npm token", null, 3);

    static final Detector HUGGING_FACE = new RegexDetector("huggingface-token", META,
            "A Hugging Face token reads private models and datasets and may write to them.",
            List.of("hf_"),
            Pattern.compile("(?<![A-Za-z0-9_])(hf_[A-Za-z]{34})(?![A-Za-z0-9_])"),
            1, 3.5, NO_ALLOWLIST, "Hugging Face token", null, 3);

    static final Detector GOOGLE_API_KEY = new RegexDetector("google-api-key", META,
            "A Google API key calls the APIs it is enabled for (Sheets, Maps, YouTube), billed to its project.",
            List.of("aiza"),
            Pattern.compile("(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])"),
            1, 3.5, NO_ALLOWLIST, "Google API key", null, 3);

    static final Detector OPENAI = new RegexDetector("openai-api-key", META,
            "An OpenAI API key is billed to its organisation and reads its files and assistants.",
            List.of("t3blbkfj"),
            Pattern.compile("(?<![A-Za-z0-9_-])(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74})(?![A-Za-z0-9_-])"),
            1, 3.5, NO_ALLOWLIST, "OpenAI API key", null, 3);

    static final Detector ANTHROPIC = new RegexDetector("anthropic-api-key", META,
            "An Anthropic API key is billed to its workspace.",
            List.of("sk-ant-"),
            Pattern.compile("(?<![A-Za-z0-9_-])(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])"),
            1, 3.5, NO_ALLOWLIST, "Anthropic API key", null, 3);

    static final Detector SENDGRID = new RegexDetector("sendgrid-api-key", META,
            "A SendGrid API key sends mail from the account's verified domains.",
            List.of("sg."),
            Pattern.compile("(?<![A-Za-z0-9_-])(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])"),
            1, 3.5, NO_ALLOWLIST, "SendGrid API key", null, 3);

    public static List<Detector> detectors() {
        return List.of(DBT_CLOUD, PYPI, NPM, HUGGING_FACE, GOOGLE_API_KEY, OPENAI, ANTHROPIC, SENDGRID);
    }

    private SaasApiToken() {
    }
}
