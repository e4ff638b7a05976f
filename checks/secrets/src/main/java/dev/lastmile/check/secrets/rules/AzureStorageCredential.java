package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Azure storage account keys ({@code AccountKey=} in connection strings, 88 base64 characters) and shared access
 * signatures (a SAS token's {@code sig=}, with its {@code sv=} version beside it), as used by Snowflake and
 * Databricks external stages and ADF linked services.
 */
public final class AzureStorageCredential {

    public static final RuleMeta META = new RuleMeta(
            "SEC010", "secrets.azure_storage_credential", Category.CREDENTIALS, Severity.HIGH,
            "Azure storage account key or SAS token",
            "A storage account key is full control of every container in the account; a SAS token grants what it "
                    + "was signed for until it expires, often years ahead for stages and linked services.",
            "Rotate the storage account key (Access keys > Rotate) now; for a SAS, rotate the key that signed it or "
                    + "revoke its stored access policy. Prefer managed identities, a Snowflake STORAGE INTEGRATION, or "
                    + "user-delegation SAS issued at run time.");

    static final Detector ACCOUNT_KEY = new RegexDetector("azure-storage-account-key", META,
            "An Azure storage account key in a connection string.",
            List.of("accountkey"),
            Pattern.compile("(?i)AccountKey\\s*=\\s*([A-Za-z0-9+/]{86}==)"),
            1, 4.0, List.of(), "Azure storage account key", null, 3);

    static final Detector SAS = new RegexDetector("azure-sas-token", META,
            "The signature of an Azure shared access signature.",
            List.of("sig="),
            Pattern.compile("sv=\\d{4}-\\d{2}-\\d{2}[^\\s\"'<>]{0,600}?[&?]sig=([A-Za-z0-9%+/]{30,120}(?:%3[dD]|=){0,2})"),
            1, 3.5, List.of(), "Azure SAS token signature", null, 3);

    public static List<Detector> detectors() {
        return List.of(ACCOUNT_KEY, SAS);
    }

    private AzureStorageCredential() {
    }
}
