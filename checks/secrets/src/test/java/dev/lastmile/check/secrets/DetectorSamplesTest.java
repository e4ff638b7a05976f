package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.internal.FileScanner;
import dev.lastmile.check.secrets.internal.Hit;
import dev.lastmile.check.secrets.internal.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every provider detector with its true and false positives, as gitleaks keeps them beside each rule: true positives
 * are generated (never committed), each false positive says why it must stay quiet. Samples run through the whole
 * file scanner on a path no extractor reads, so keyword prefilters, entropy floors, allowlists and value
 * classification all take part. Any misclassified sample fails the build.
 */
class DetectorSamplesTest {

    /** A sample that must stay quiet, and why. */
    record Fp(String text, String why) {
    }

    record Cases(List<String> tps, List<Fp> fps) {
    }

    private static final Samples S = new Samples(20261125L);
    private static final Map<String, Cases> CASES = new LinkedHashMap<>();

    static {
        CASES.put("url-password", new Cases(List.of(
                "postgresql://loader:" + S.password() + "@orders-db:5432/orders",
                "snowflake://dbt:" + S.apiToken() + "@ab12345.eu-central-1/analytics",
                "mongodb+srv://reader:" + S.apiToken() + "@cluster0.ab1cd.mongodb.net/events",
                "redshift+psycopg2://etl:" + S.password() + "@cluster.abc.redshift.amazonaws.com:5439/dev",
                "mysql://root:" + S.password() + "@10.0.0.12/app"),
                List.of(new Fp("postgresql://loader:${DB_PASSWORD}@db/orders", "env-var reference"),
                        new Fp("postgresql://user:<password>@localhost/db", "documentation placeholder"),
                        new Fp("postgresql://%s:%s@%s/db", "format-string placeholders"),
                        new Fp("https://github.com/shop/dbt-macros.git", "no user info at all"),
                        new Fp("ssh://git@github.com/shop/repo.git", "a user without a password"),
                        new Fp("postgresql://airflow:airflow@postgres/airflow", "well-known default: SEC013, not a leak"),
                        new Fp("mysql://root:****@127.0.0.1/app", "masked in documentation"))));
        CASES.put("jdbc-password", new Cases(List.of(
                "jdbc:sqlserver://erp:1433;databaseName=erp;user=x;password=" + S.password() + ";encrypt=true",
                "jdbc:snowflake://ab12345.snowflakecomputing.com/?user=dbt&password=" + S.apiToken()),
                List.of(new Fp("jdbc:postgresql://db:5432/orders?user=loader", "no password parameter"),
                        new Fp("jdbc:postgresql://db/orders?password=${JDBC_PASSWORD}", "env-var reference"))));
        CASES.put("odbc-password", new Cases(List.of(
                "Driver={ODBC Driver 18 for SQL Server};Server=erp;UID=x;PWD=" + S.password() + ";",
                "Server=tcp:erp.database.windows.net,1433;Initial Catalog=erp;User ID=x;Password={" + S.password() + "};"),
                List.of(new Fp("PWD=/home/runner/work", "shell working directory, no connection string on the line"),
                        new Fp("Server=erp;UID=x;PWD={PASSWORD};", "placeholder in braces"),
                        new Fp("password=" + S.password(), "a lone .env pair is not an ODBC string (SEC001 reads it by key)"))));
        CASES.put("url-query-credential", new Cases(List.of(
                "https://api.shop-partner.example.net/v1/orders?since=2024-01-01&access_token=" + S.apiToken(),
                "curl 'https://api.exchangerates.io/latest?base=EUR&api_key=" + S.apiToken() + "'"),
                List.of(new Fp("https://api.x.io/v1/orders?access_token=${TOKEN}", "env-var reference"),
                        new Fp("https://api.x.io/v1/orders?token=abc", "too short to be a token"),
                        new Fp("https://api.x.io/v1/orders?access_token={token}", "format placeholder"),
                        new Fp("https://api.x.io/v1/orders?page_token=next", "a pagination cursor parameter"),
                        new Fp("\"  https://newsapi.org/v2/everything?q=python&apiKey=your_api_key\\n\",",
                                "placeholder, escaped newline of a notebook's JSON string after it"))));
        CASES.put("aws-access-key-id", new Cases(List.of(S.awsKeyId(), "key=" + S.awsKeyId() + ";"),
                List.of(new Fp("AKIAIOSFODNN7EXAMPLE", "AWS's documented example key"),
                        new Fp("AKIA1234", "too short"),
                        new Fp("XAKIA" + "ABCDEFGHIJKLMNOP", "embedded in a longer word"),
                        new Fp("AKIAAAAAAAAAAAAAAAAA", "one repeated character: below the entropy floor"))));
        CASES.put("aws-secret-access-key", new Cases(List.of(
                "aws_secret_access_key = " + S.awsSecret(),
                "AWS_SECRET_KEY: \"" + S.awsSecret() + "\""),
                List.of(new Fp("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS's documented example"),
                        new Fp("aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}", "env-var reference"),
                        new Fp("aws_secret_access_key = 0000000000000000000000000000000000000000", "no entropy"))));
        CASES.put("gcp-service-account", new Cases(List.of(
                "creds = '" + S.gcpServiceAccountJson().replace("\n", " ") + "'"),
                List.of(new Fp("{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n\"}",
                        "documentation template with no key body"),
                        new Fp("{\"type\": \"authorized_user\", \"client_id\": \"x\"}", "not a service-account key"))));
        CASES.put("pem-private-key", new Cases(List.of(S.pemPrivateKey(), S.pemEscaped(), S.pemEncrypted(),
                        "key: |\n  " + S.pemPrivateKey().replace("\n", "\n  ")),
                List.of(new Fp("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----",
                        "public keys are meant to be shared"),
                        new Fp("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----",
                                "certificates are public"),
                        new Fp("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----", "placeholder body"),
                        new Fp("-----BEGIN RSA PRIVATE KEY-----", "a header alone, no body and no end"))));
        CASES.put("github-token", new Cases(List.of(S.githubToken(), "GITHUB_TOKEN=" + S.githubToken()),
                List.of(new Fp("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "placeholder: below the entropy floor"),
                        new Fp("ghp_short", "wrong length"),
                        new Fp("${{ secrets.GITHUB_TOKEN }}", "Actions secret reference"))));
        CASES.put("github-fine-grained-pat", new Cases(List.of(S.githubFineGrained()),
                List.of(new Fp("github_pat_<your token>", "placeholder"))));
        CASES.put("gitlab-token", new Cases(List.of(S.gitlabToken(), "private_token = " + S.gitlabToken()),
                List.of(new Fp("glpat-xxxxxxxxxxxxxxxxxxxx", "placeholder: below the entropy floor"),
                        new Fp("glpat-short", "too short"))));
        CASES.put("gitlab-pipeline-trigger-token", new Cases(List.of("glptt-" + S.chars("0123456789abcdef", 40)),
                List.of(new Fp("glptt-0000000000000000000000000000000000000000", "no entropy"))));
        CASES.put("slack-token", new Cases(List.of(S.slackBotToken(),
                        "xo" + "xp-" + S.chars("0123456789", 12) + "-" + S.chars("0123456789", 12) + "-"
                                + S.chars("0123456789", 13) + "-" + S.chars("0123456789abcdef", 32)),
                List.of(new Fp("xoxb-your-bot-token", "placeholder: no numeric ids"),
                        new Fp("xoxb-123", "too short"))));
        CASES.put("slack-app-token", new Cases(List.of(
                "xa" + "pp-1-A" + S.chars("ABCDEFGHIJ0123456789", 10) + "-" + S.chars("0123456789", 13) + "-"
                        + S.chars("0123456789abcdef", 64)),
                List.of(new Fp("xapp-1-your-app-token", "placeholder"))));
        CASES.put("slack-webhook-url", new Cases(List.of(S.slackWebhook()),
                List.of(new Fp("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
                        "Slack's documentation placeholder: below the entropy floor"),
                        new Fp("https://hooks.slack.com/services/", "no ids"))));
        CASES.put("databricks-token", new Cases(List.of(S.databricksToken(), "token: " + S.databricksToken() + "-2"),
                List.of(new Fp("dapi" + "0".repeat(32), "no entropy"),
                        new Fp("dapiXYZnothexnothexnothexnothexnothexnot", "not hex"),
                        new Fp("mydapi" + S.chars("0123456789abcdef", 32), "embedded in a longer word"))));
        CASES.put("azure-storage-account-key", new Cases(List.of(S.azureConnectionString()),
                List.of(new Fp("AccountName=shopraw;AccountKey=<key>;EndpointSuffix=core.windows.net", "placeholder"),
                        new Fp("AccountKey=" + "A".repeat(86) + "==", "no entropy"))));
        CASES.put("azure-sas-token", new Cases(List.of(S.azureSasUrl()),
                List.of(new Fp("?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01", "no signature"),
                        new Fp("sig=" + S.apiToken(), "a sig= without a SAS version beside it"))));
        CASES.put("stripe-live-key", new Cases(List.of(S.stripeLiveKey(), "stripe.api_key = '" + S.stripeLiveKey() + "'"),
                List.of(new Fp("sk_test_" + S.chars("abcdefghijklmnopqrstuvwxyz0123456789", 24), "test-mode key moves no money"),
                        new Fp("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "placeholder: below the entropy floor"))));
        CASES.put("dbt-cloud-token", new Cases(List.of(S.dbtCloudToken(), "DBT_CLOUD_API_TOKEN=" + S.dbtCloudToken()),
                List.of(new Fp("dbtc_" + "x".repeat(48), "placeholder: below the entropy floor"),
                        new Fp("dbtc_short", "too short"))));
        CASES.put("pypi-token", new Cases(List.of("password = " + S.pypiToken()),
                List.of(new Fp("pypi-AgEIcHlwaS5vcmc", "the fixed prefix alone"))));
        CASES.put("npm-token", new Cases(List.of("//registry.npmjs.org/:_authToken=" + S.npmToken()),
                List.of(new Fp("npm_" + "0".repeat(36), "no entropy"),
                        new Fp("npm_config_cache", "an npm environment variable name"))));
        CASES.put("huggingface-token", new Cases(List.of("HF_TOKEN=" + S.huggingFaceToken()),
                List.of(new Fp("hf_" + "a".repeat(34), "no entropy"),
                        new Fp("hf_hub_download", "a function name"))));
        CASES.put("google-api-key", new Cases(List.of("key=" + S.googleApiKey()),
                List.of(new Fp("AIza" + "A".repeat(35), "no entropy"), new Fp("AIzaShort", "too short"))));
        CASES.put("openai-api-key", new Cases(List.of("OPENAI_API_KEY=" + S.openAiKey()),
                List.of(new Fp("sk-proj-...T3BlbkFJ...", "abbreviated in documentation"))));
        CASES.put("anthropic-api-key", new Cases(List.of("ANTHROPIC_API_KEY=" + S.anthropicKey()),
                List.of(new Fp("sk-ant-api03-...", "abbreviated in documentation"))));
        CASES.put("sendgrid-api-key", new Cases(List.of("SENDGRID_API_KEY=" + S.sendgridKey()),
                List.of(new Fp("SG.example.key", "wrong shape"),
                        new Fp("SG." + "a".repeat(22) + "." + "b".repeat(43), "below the entropy floor"))));
    }

    private final FileScanner scanner = new FileScanner(SecretsPolicy.defaults(),
            new SecretHasher("test-key".getBytes(StandardCharsets.UTF_8)));

    private List<Hit> hitsOf(String detector, String text) {
        Detector d = SecretRules.detectors().stream().filter(x -> x.id().equals(detector)).findFirst().orElseThrow();
        return scanner.scan("samples/sample.txt", text).hits().stream()
                .filter(h -> h.detector().equals(detector) && h.rule() == d.rule()).toList();
    }

    @TestFactory
    Stream<DynamicTest> truePositivesAreFound() {
        List<DynamicTest> tests = new ArrayList<>();
        CASES.forEach((id, c) -> {
            for (int i = 0; i < c.tps().size(); i++) {
                String tp = c.tps().get(i);
                tests.add(DynamicTest.dynamicTest(id + "/tp" + i, () ->
                        assertThat(hitsOf(id, tp)).as("%s must find its true positive #%s", id, tp.length()).isNotEmpty()));
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> falsePositivesStayQuiet() {
        List<DynamicTest> tests = new ArrayList<>();
        CASES.forEach((id, c) -> c.fps().forEach(fp -> tests.add(DynamicTest.dynamicTest(id + "/fp: " + fp.why(), () ->
                assertThat(hitsOf(id, fp.text())).as("%s must stay quiet: %s", id, fp.why()).isEmpty()))));
        return tests.stream();
    }

    @Test
    void everyDetectorHasTrueAndFalsePositives() {
        for (Detector d : SecretRules.detectors()) {
            assertThat(CASES).as("samples for detector %s", d.id()).containsKey(d.id());
            assertThat(CASES.get(d.id()).tps()).as("%s true positives", d.id()).isNotEmpty();
            assertThat(CASES.get(d.id()).fps()).as("%s false positives", d.id()).isNotEmpty();
            assertThat(d.keywords()).as("%s keywords are lower case", d.id())
                    .allSatisfy(k -> assertThat(k).isEqualTo(k.toLowerCase(java.util.Locale.ROOT)));
            assertThat(d.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(d.description()).isNotBlank();
        }
        assertThat(CASES.keySet()).as("samples name registered detectors only")
                .containsExactlyInAnyOrderElementsOf(SecretRules.detectors().stream().map(Detector::id).toList());
    }
}
