package dev.lastmile.check.secrets.rules;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * A literal value under a credential key ({@code password:}, {@code token=}, {@code api_key="..."}), found by key
 * structure rather than text. The decision (which keys, which values) lives in {@code FileScanner} and
 * {@code CredentialKeys}/{@code Values}, shared with {@link HighEntropyCredential} and
 * {@link WeakPlaceholderCredential}.
 */
public final class LiteralCredentialValue {

    public static final RuleMeta META = new RuleMeta(
            "SEC001", "secrets.literal_credential", Category.CREDENTIALS, Severity.HIGH,
            "Hard-coded credential under a credential key",
            "A password, token or key written into a profile, config file, script or notebook is readable by everyone "
                    + "with access to the repository, its forks, its CI logs and every clone, for as long as the git "
                    + "history exists. Data pipeline credentials usually reach the warehouse with write access.",
            "Rotate the credential now: it must be treated as leaked. Then read it at run time instead: "
                    + "{{ env_var('DBT_PASSWORD') }} in dbt profiles, os.environ in Python, ${VAR} in shell and "
                    + "compose files, a secret manager reference in CloudFormation, Terraform and Airflow.");

    private LiteralCredentialValue() {
    }
}
