package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Google Cloud service-account key: a JSON key file, or the same object inlined in a dbt profile's
 * {@code keyfile_json}, a TOML secrets file or a string in code. Found from structure in JSON, YAML and TOML, and in
 * raw text when the JSON sits inside another file's string.
 */
public final class GcpServiceAccountKey {

    public static final RuleMeta META = new RuleMeta(
            "SEC004", "secrets.gcp_service_account_key", Category.CREDENTIALS, Severity.CRITICAL,
            "Google Cloud service-account key",
            "A service-account key file authenticates as that account until the key is deleted: for dbt on BigQuery "
                    + "that usually means reading and writing every dataset of the project.",
            "Rotate it: delete the key in IAM > Service accounts > Keys now and create a new one only if you must. Prefer keyless "
                    + "auth: dbt-bigquery's method: oauth with workload identity, or keyfile: pointing at a file "
                    + "outside the repository whose path comes from {{ env_var('DBT_KEYFILE') }}.");

    static final Detector EMBEDDED_KEY = new RegexDetector("gcp-service-account", META,
            "The private key of a service-account JSON key, wherever the JSON is embedded.",
            List.of("service_account"),
            Pattern.compile("(?s)\\\\?\"type\\\\?\"\\s*:\\s*\\\\?\"service_account\\\\?\".{0,3000}?\\\\?\"private_key\\\\?\"\\s*:\\s*\\\\?\""
                    + "(-----BEGIN [A-Z ]*PRIVATE KEY-----[A-Za-z0-9+/=\\\\\\s]{64,}?-----END [A-Z ]*PRIVATE KEY-----)"),
            1, 0.0, List.of(), "service-account private key", null, 4);

    public static List<Detector> detectors() {
        return List.of(EMBEDDED_KEY);
    }

    private GcpServiceAccountKey() {
    }
}
