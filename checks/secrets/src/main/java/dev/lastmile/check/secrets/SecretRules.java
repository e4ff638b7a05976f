package dev.lastmile.check.secrets;

import dev.lastmile.check.secrets.rules.AwsAccessKey;
import dev.lastmile.check.secrets.rules.AzureStorageCredential;
import dev.lastmile.check.secrets.rules.CredentialInTestFixture;
import dev.lastmile.check.secrets.rules.DatabricksToken;
import dev.lastmile.check.secrets.rules.FileTooLarge;
import dev.lastmile.check.secrets.rules.GcpServiceAccountKey;
import dev.lastmile.check.secrets.rules.GitHubToken;
import dev.lastmile.check.secrets.rules.GitLabToken;
import dev.lastmile.check.secrets.rules.HighEntropyCredential;
import dev.lastmile.check.secrets.rules.LiteralCredentialValue;
import dev.lastmile.check.secrets.rules.PasswordInConnectionString;
import dev.lastmile.check.secrets.rules.PrivateKeyBlock;
import dev.lastmile.check.secrets.rules.SaasApiToken;
import dev.lastmile.check.secrets.rules.SlackToken;
import dev.lastmile.check.secrets.rules.StripeLiveKey;
import dev.lastmile.check.secrets.rules.UnparsableFile;
import dev.lastmile.check.secrets.rules.WeakPlaceholderCredential;
import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.core.model.RuleMeta;
import java.util.ArrayList;
import java.util.List;

/** The explicit registry of the credentials check: every rule and every provider detector, in a stable order. */
public final class SecretRules {

    private static final List<RuleMeta> RULES = List.of(
            LiteralCredentialValue.META,
            PasswordInConnectionString.META,
            AwsAccessKey.META,
            GcpServiceAccountKey.META,
            PrivateKeyBlock.META,
            GitHubToken.META,
            GitLabToken.META,
            SlackToken.META,
            DatabricksToken.META,
            AzureStorageCredential.META,
            StripeLiveKey.META,
            SaasApiToken.META,
            HighEntropyCredential.META,
            WeakPlaceholderCredential.META,
            CredentialInTestFixture.META,
            UnparsableFile.META,
            FileTooLarge.META);

    private static final List<Detector> DETECTORS;

    static {
        List<Detector> d = new ArrayList<>();
        d.addAll(PasswordInConnectionString.detectors());
        d.addAll(AwsAccessKey.detectors());
        d.addAll(GcpServiceAccountKey.detectors());
        d.addAll(PrivateKeyBlock.detectors());
        d.addAll(GitHubToken.detectors());
        d.addAll(GitLabToken.detectors());
        d.addAll(SlackToken.detectors());
        d.addAll(DatabricksToken.detectors());
        d.addAll(AzureStorageCredential.detectors());
        d.addAll(StripeLiveKey.detectors());
        d.addAll(SaasApiToken.detectors());
        DETECTORS = List.copyOf(d);
    }

    private SecretRules() {
    }

    public static List<RuleMeta> all() {
        return RULES;
    }

    /** Every provider-format detector, run on the raw text of every scanned file. */
    public static List<Detector> detectors() {
        return DETECTORS;
    }
}
