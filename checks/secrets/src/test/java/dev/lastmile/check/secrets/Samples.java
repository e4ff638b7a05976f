package dev.lastmile.check.secrets;

import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Realistic sample credentials, generated at test time from a seed so that no real-looking key is ever committed
 * (GitHub push protection and other scanners must stay quiet on this repository). Provider prefixes are assembled
 * from parts for the same reason.
 *
 * <p>Test files and corpus files refer to samples by token, e.g. {@code @@github_token@@}; {@link #expand} replaces
 * every token with a fresh sample, indenting the continuation lines of multi-line samples (PEM blocks) like the
 * line the token sits on.
 */
public final class Samples {

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String ALNUM = UPPER + LOWER + DIGITS;
    private static final String B64 = ALNUM + "+/";
    private static final String HEX = "0123456789abcdef";
    private static final Pattern TOKEN = Pattern.compile("@@([a-z0-9_]+)@@");

    private final Random random;

    public Samples(long seed) {
        this.random = new Random(seed);
    }

    public String chars(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A password a person would generate: mixed classes, 16 characters. */
    public String password() {
        return chars(UPPER, 2) + chars(LOWER, 5) + chars(DIGITS, 3) + chars("!*_-.~", 1) + chars(ALNUM, 5);
    }

    public String apiToken() {
        return chars(ALNUM, 32);
    }

    public String awsKeyId() {
        return "AK" + "IA" + chars(UPPER + "234567", 16);
    }

    public String awsSecret() {
        return chars(B64, 40);
    }

    public String githubToken() {
        return "gh" + "p_" + chars(ALNUM, 36);
    }

    public String githubFineGrained() {
        return "github" + "_pat_" + chars(ALNUM, 22) + "_" + chars(ALNUM, 59);
    }

    public String gitlabToken() {
        return "gl" + "pat-" + chars(ALNUM + "_-", 20);
    }

    public String slackBotToken() {
        return "xo" + "xb-" + chars(DIGITS, 11) + "-" + chars(DIGITS, 13) + "-" + chars(ALNUM, 24);
    }

    public String slackWebhook() {
        return "https://hooks." + "slack.com/services/T" + chars(UPPER + DIGITS, 8) + "/B" + chars(UPPER + DIGITS, 10)
                + "/" + chars(ALNUM, 24);
    }

    public String databricksToken() {
        return "da" + "pi" + chars(HEX, 32);
    }

    public String azureAccountKey() {
        return chars(B64, 86) + "==";
    }

    public String azureConnectionString() {
        return "DefaultEndpointsProtocol=https;AccountName=shopraw;Account" + "Key=" + azureAccountKey()
                + ";EndpointSuffix=core.windows.net";
    }

    public String azureSasUrl() {
        return "https://shopraw.blob.core.windows.net/landing?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z"
                + "&st=2024-01-01T00:00:00Z&spr=https&si" + "g=" + chars(ALNUM + "%", 43) + "%3D";
    }

    public String stripeLiveKey() {
        return "sk" + "_live_" + chars(ALNUM, 24);
    }

    public String dbtCloudToken() {
        return "db" + "tc_" + chars(ALNUM + "_-", 48);
    }

    public String pypiToken() {
        return "py" + "pi-AgEIcHlwaS5vcmc" + chars(ALNUM + "_-", 70);
    }

    public String npmToken() {
        return "np" + "m_" + chars(ALNUM, 36);
    }

    public String huggingFaceToken() {
        return "h" + "f_" + chars(UPPER + LOWER, 34);
    }

    public String googleApiKey() {
        return "AI" + "za" + chars(ALNUM + "_-", 35);
    }

    public String openAiKey() {
        return "sk" + "-proj-" + chars(ALNUM + "_-", 58) + "T3Blbk" + "FJ" + chars(ALNUM + "_-", 58);
    }

    public String anthropicKey() {
        return "sk" + "-ant-api03-" + chars(ALNUM + "_-", 93) + "AA";
    }

    public String sendgridKey() {
        return "S" + "G." + chars(ALNUM + "_-", 22) + "." + chars(ALNUM + "_-", 43);
    }

    /** A PEM private key on lines of its own. */
    public String pemPrivateKey() {
        return pem("PRIVATE KEY", "\n");
    }

    /** The same, escaped as inside a JSON or Python string: one line with literal {@code \n}. */
    public String pemEscaped() {
        return pem("PRIVATE KEY", "\\n");
    }

    public String pemEncrypted() {
        return pem("ENCRYPTED PRIVATE KEY", "\n");
    }

    private String pem(String kind, String newline) {
        byte[] der = new byte[640];
        random.nextBytes(der);
        String body = Base64.getEncoder().encodeToString(der);
        StringBuilder b = new StringBuilder("-----BEGIN " + kind + "-----" + newline);
        for (int i = 0; i < body.length(); i += 64) {
            b.append(body, i, Math.min(body.length(), i + 64)).append(newline);
        }
        return b.append("-----END ").append(kind).append("-----").toString();
    }

    /** A Google service-account key file, as downloaded from the console. */
    public String gcpServiceAccountJson() {
        return "{\n"
                + "  \"type\": \"service_account\",\n"
                + "  \"project_id\": \"shop-analytics-eu\",\n"
                + "  \"private_key_id\": \"" + chars(HEX, 40) + "\",\n"
                + "  \"private_key\": \"" + pemEscaped() + "\\n\",\n"
                + "  \"client_email\": \"dbt-runner@shop-analytics-eu.iam.gserviceaccount.com\",\n"
                + "  \"client_id\": \"" + chars(DIGITS, 21) + "\",\n"
                + "  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n"
                + "  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n"
                + "}\n";
    }

    /** The sample for a token name. */
    public String sample(String name) {
        return switch (name) {
            case "password" -> password();
            case "token" -> apiToken();
            case "aws_key_id" -> awsKeyId();
            case "aws_secret" -> awsSecret();
            case "github_token" -> githubToken();
            case "github_fine" -> githubFineGrained();
            case "gitlab_token" -> gitlabToken();
            case "slack_bot" -> slackBotToken();
            case "slack_webhook" -> slackWebhook();
            case "databricks" -> databricksToken();
            case "azure_key" -> azureAccountKey();
            case "azure_conn" -> azureConnectionString();
            case "azure_sas" -> azureSasUrl();
            case "stripe_live" -> stripeLiveKey();
            case "dbt_cloud" -> dbtCloudToken();
            case "pypi" -> pypiToken();
            case "npm" -> npmToken();
            case "huggingface" -> huggingFaceToken();
            case "google_api_key" -> googleApiKey();
            case "openai" -> openAiKey();
            case "anthropic" -> anthropicKey();
            case "sendgrid" -> sendgridKey();
            case "pem" -> pemPrivateKey();
            case "pem_escaped" -> pemEscaped();
            case "pem_encrypted" -> pemEncrypted();
            case "gcp_sa_json" -> gcpServiceAccountJson();
            case "b64_40" -> chars(B64, 40);
            case "hex_token" -> chars(HEX, 40);
            case "filler_20k" -> ("-- filler line of a large generated file, no credentials here\n").repeat(330);
            default -> throw new IllegalArgumentException("no sample called @@" + name + "@@");
        };
    }

    /** Replaces every {@code @@name@@} token; continuation lines of a multi-line sample get the token line's indent. */
    public String expand(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = TOKEN.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            int lineStart = text.lastIndexOf('\n', m.start()) + 1;
            String indent = text.substring(lineStart, m.start()).replaceAll("\\S.*$", "");
            String value = sample(m.group(1));
            out.append(value.replace("\n", "\n" + indent));
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    public static boolean hasTokens(String text) {
        return TOKEN.matcher(text).find();
    }
}
