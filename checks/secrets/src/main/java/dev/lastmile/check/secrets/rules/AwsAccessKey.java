package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AWS access key ids ({@code AKIA...} long-term, {@code ASIA...} temporary) and their secret access keys: under an
 * AWS secret key name in any format, after an {@code aws_secret_access_key} assignment in raw text, or as the
 * 40-character secret written within a few lines of a key id. AWS's documented example keys (ending in
 * {@code EXAMPLE}) are allowed.
 */
public final class AwsAccessKey {

    public static final RuleMeta META = new RuleMeta(
            "SEC003", "secrets.aws_access_key", Category.CREDENTIALS, Severity.CRITICAL,
            "AWS access key",
            "An AWS key id with its secret key signs requests as its IAM user or role: S3 buckets with raw data, "
                    + "Redshift, Glue, and often far more. Public repositories are scanned for them within minutes.",
            "Deactivate and delete the access key in IAM now (rotating means issuing a new one), then review "
                    + "CloudTrail for its use. Use roles instead: an instance or task role, OIDC from CI, "
                    + "STORAGE_INTEGRATION in Snowflake, IAM_ROLE in Redshift COPY.");

    /** How many lines around a key id a bare 40-character secret may sit and still be its pair. */
    public static final int PAIR_DISTANCE = 5;

    static final Detector ACCESS_KEY_ID = new RegexDetector("aws-access-key-id", META,
            "An AWS access key id identifies a key pair; with its secret (usually beside it) it signs AWS requests.",
            List.of("akia", "asia", "abia", "acca", "a3t"),
            Pattern.compile("(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Za-z0-9])"),
            1, 3.0, List.of(RegexDetector.EXAMPLE), "AWS access key id", null, 3);

    static final Detector SECRET_ACCESS_KEY = new RegexDetector("aws-secret-access-key", META,
            "An AWS secret access key signs requests for its key id.",
            List.of("secret"),
            Pattern.compile("(?i)aws_?secret_?(?:access_?)?key[\"']?\\s*(?:[:=]|=>)\\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
            1, 4.0, List.of(RegexDetector.EXAMPLE), "AWS secret access key", null, 3);

    /** A bare secret-key-shaped string, only taken when it sits next to a key id. */
    public static final Pattern BARE_SECRET = Pattern.compile("(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])");

    public static List<Detector> detectors() {
        return List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    }

    private AwsAccessKey() {
    }
}
