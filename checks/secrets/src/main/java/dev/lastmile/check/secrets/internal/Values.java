package dev.lastmile.check.secrets.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a literal value under a credential key is: a reference to a secret kept elsewhere (quiet), an obvious
 * placeholder (quiet), a weak default that would work if deployed ({@code changeme}: low), or a literal credential.
 */
public final class Values {

    public enum Kind {
        /** Empty, a boolean, a number, a path: not a credential at all. */
        NOT_A_SECRET,
        /** Points at a secret kept elsewhere: env var, secret manager, vault, template variable. */
        REFERENCE,
        /** Obviously not a real value: {@code <password>}, {@code ***}, {@code your-token-here}. */
        PLACEHOLDER,
        /** A real but weak default: {@code changeme}, {@code admin}, {@code password}. */
        WEAK_DEFAULT,
        /** A literal credential. */
        LITERAL
    }

    private static final Pattern REFERENCE = Pattern.compile(
            "(?s).*(?:"
                    + "\\{\\{.*}}"                                  // Jinja / dbt: {{ env_var('X') }}, {{ var('x') }}
                    + "|\\{%.*%}"                                    // Jinja statements
                    + "|\\$\\{[^}]*}"                                // ${VAR}, ${{ secrets.X }}, Terraform ${var.x}
                    + "|\\$\\([^)]*\\)"                              // $(cat file), Make $(VAR)
                    + "|<%=?.*%>"                                    // ERB
                    + "|%\\([A-Za-z_][A-Za-z0-9_]*\\)s"              // Python %(name)s
                    + "|\\{resolve:(?:secretsmanager|ssm|ssm-secure):"  // CloudFormation dynamic references
                    + "|arn:aws[a-z-]*:(?:secretsmanager|ssm|kms):"   // Secrets Manager / SSM / KMS ARNs
                    + "|^vault:|^vault://|^secret/data/|^kv/data/"   // Vault paths
                    + "|^(?:op|sm|gcpsm|awssm|azkv|ssm|env|file|keyring|keychain)://"
                    + "|^projects/[^/]+/secrets/"                    // GCP Secret Manager names
                    + "|^ENC\\[[A-Z0-9_]+,data:"                      // SOPS-encrypted value
                    + "|^\\$ANSIBLE_VAULT;"                           // Ansible Vault
                    + "|^https://[a-z0-9-]+\\.vault\\.azure\\.net/"  // Azure Key Vault
                    + ").*");

    /**
     * A build-time substitution token standing alone: {@code $VAR}, {@code %VAR%} (Windows), {@code @token@} and
     * {@code @@token@@} (Maven, Ant, lastmile's own test samples), {@code #{token}#} (Azure DevOps),
     * {@code __TOKEN__} (token-replace steps).
     */
    private static final Pattern DOLLAR_VAR = Pattern.compile("^\\$\\$?[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$"
            + "|^@{1,2}[A-Za-z0-9_.-]+@{1,2}$|^#\\{[A-Za-z0-9_.-]+}#$|^__[A-Za-z0-9_]+__$");
    /** An upper-case identifier standing for a variable's name, as in {@code password: DB_PASSWORD}. */
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$");
    private static final Pattern CODE_EXPRESSION = Pattern.compile(
            "^(?:os\\.environ|os\\.getenv|getenv|process\\.env|System\\.getenv|env\\(|ENV\\[|Variable\\.get|"
                    + "var\\.|local\\.|module\\.|data\\.|dbutils\\.secrets|secrets\\.|!Ref |!Sub |!GetAtt ).*");

    private static final String CRED_WORD = "(?:password|passwd|pass|pwd|secret|token|key|value|api[-_ ]?key|"
            + "access[-_ ]?key|credentials?)";
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)^(?:<[^<>]{1,60}>|\\[[^\\[\\]]{1,60}]|\\{[^{}]{0,60}}|%s|\\?|:[a-z_][a-z0-9_]*|_+|-+|\\.{3,}|…|x{3,}|\\*+|#+|\\?+|"
                    + "(?:your|insert|enter|replace|put)[-_ ]?[a-z_ -]*|(?:my|the|a)[-_ ][a-z_ -]*|"
                    + "[a-z_ -]*[-_ ](?:here|goes[-_ ]here)|"
                    + "(?:fake|dummy|sample|example|placeholder|redacted|masked|hidden|removed|todo|tbd|fixme|none|null|nil|"
                    + "undefined|empty|notset|not[-_ ]?set|n/?a|unset|foo|bar|baz|foobar|test|testing|secret|some|any|"
                    + "default|real|actual|new|old|db|database|user|admin|app|api|my|your)"
                    + "(?:[-_ ]?(?:db|database|user|admin|app|api|service|snowflake|postgres|prod|dev))?"
                    + "(?:[-_ ]?" + CRED_WORD + ")?(?:[-_ ]?(?:here|placeholder|example|value))?|"
                    + ".*(?:example|placeholder|redacted|dummy|filtered|scrubbed|sanitized|sanitised|censored|obfuscated).*|"
                    + ".*(?:x{6,}|\\*{4,}|0{10,}|\\.{3}|…).*|"
                    + "(?:sk|pk|rk)_test_.*|"
                    + "replace[-_ ]?me|fill[-_ ]?me(?:[-_ ]?in)?|set[-_ ]?me|update[-_ ]?me)$");

    /** Values that work if deployed and are the first an attacker tries. */
    private static final Set<String> WEAK_DEFAULTS = Set.of(
            "changeme", "change_me", "change-me", "changeit", "change_it", "password", "passw0rd", "p@ssw0rd",
            "p@ssword", "password1", "password123", "admin", "admin123", "administrator", "root", "toor", "secret",
            "secret123", "letmein", "welcome", "welcome1", "qwerty", "123456", "12345678", "1234", "default",
            "postgres", "mysql", "guest", "pass", "pass123", "pwd", "dbt", "dbtpass", "airflow", "snowflake",
            "redshift", "trino", "minio", "minioadmin", "minio123", "mypassword", "mysecret", "supersecret",
            "s3cr3t", "hunter2", "abc123", "demo", "local", "localdev", "devpassword", "dev");

    /** Values of CI and manifest syntax under credential-looking keys: GitHub's {@code permissions:}, {@code secrets: inherit}. */
    private static final Set<String> CONFIG_WORDS = Set.of("read", "write", "none", "inherit", "read-all", "write-all",
            "required", "optional");
    /** A package or schema version: {@code 9.0.0}, {@code ^1.2.3}, {@code >=2.0,<3}, {@code v1.4.0-rc.1}. */
    private static final Pattern VERSION = Pattern.compile("^(?:[~^<>=!]=?|v)?\\d+(?:\\.\\d+){1,3}(?:[-+.][0-9A-Za-z.-]+)?(?:,\\s*[<>=!~^]=?\\d+(?:\\.\\d+)*)?$");
    /** A lower-case snake_case word or a leading-underscore field: {@code block_number}, {@code _count}, {@code no_app_token}. */
    private static final Pattern IDENTIFIER = Pattern.compile("^_?[a-z]+(?:_[a-z]+)+$|^_[a-z]+$");

    /** A dotted field path: {@code extra.private_key_content}, {@code conn.password}. */
    private static final Pattern FIELD_PATH = Pattern.compile("^[a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)+$");
    /** A class name, as in a Python forward-reference annotation: {@code credentials: "FabricCredentials"}. */
    private static final Pattern CLASS_NAME = Pattern.compile("^[A-Z][a-z]+(?:[A-Z][a-z]+)+$");
    /** {@code token123}, {@code password1}, {@code admin2024}: a word and a number, the first guess of anyone. */
    private static final Pattern NUMBERED_WORD = Pattern.compile(
            "^(?:password|passwd|pass|pwd|secret|token|key|apikey|admin|root|test|user|qwerty|welcome|changeme)"
                    + "[-_]?\\d{0,4}[!@#$%^&*.?]?$");
    /** A provider prefix with a stub after it ({@code dapi123}, {@code ghp_abc}): a test value, not a token. */
    private static final Pattern PROVIDER_STUB = Pattern.compile(
            "^(?:dapi|ghp_|gho_|ghs_|github_pat_|glpat-|xox[abpr]-|sk_live_|sk_test_|rk_live_|AKIA|ASIA|dbtc_|dbtu_|hf_|"
                    + "npm_|AIza|sk-|SG\\.)[A-Za-z0-9_-]{0,11}$");
    /** Lower-case words joined by - _ . */
    private static final Pattern SEPARATED_WORDS = Pattern.compile("^[a-z0-9]+(?:[-_.]+[a-z0-9]+)+$");
    /** Words that make a value describe a credential rather than be one: {@code pg_password}, {@code postgres-secrets}. */
    private static final Set<String> SELF_DESCRIBING = Set.of("secret", "secrets", "password", "passwords", "passwd",
            "pass", "pwd", "token", "tokens", "key", "keys", "credential", "credentials", "creds", "apikey");
    /** Words that make a value a test double: {@code mock_value}, {@code test-secret-key}, {@code fake_token_1}. */
    private static final Set<String> TEST_WORDS = Set.of("mock", "mocked", "fake", "test", "testing", "dummy", "sample",
            "stub", "override", "overridden", "my", "your", "some", "foo", "bar", "baz", "xyz", "abc", "changeme");

    /** Separated lower-case words, one of which says test double. */
    static boolean isTestValue(String lower) {
        if (!SEPARATED_WORDS.matcher(lower).matches()) {
            return false;
        }
        for (String w : lower.split("[-_.]+")) {
            if (TEST_WORDS.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A value such as {@code pg_password}, {@code test-secret-key}, {@code postgres-secrets} or {@code mock_value}
     * names a credential, or a Kubernetes secret, rather than being a generated one. It may still be in use as a
     * (weak) password, so it is a weak default, not a leak.
     */
    static boolean namesACredential(String lower) {
        if (!SEPARATED_WORDS.matcher(lower).matches()) {
            return false;
        }
        for (String w : lower.split("[-_.]+")) {
            if (SELF_DESCRIBING.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Words of letters only, separated by spaces: a label ("Zugangsschlüssel eingeben"), not a secret. */
    private static final Pattern PROSE = Pattern.compile("^\\p{L}+[.,:!?]?(?: \\p{L}+[.,:!?]?)+$");

    private static final Pattern NUMBER = Pattern.compile("^[-+]?\\d+(?:\\.\\d+)?$");
    private static final Pattern PATH = Pattern.compile("^(?:~|\\.{1,2})?/[\\w .@/+-]*$|^[A-Za-z]:\\\\.*$|^[\\w.-]+/[\\w./-]+\\.(?:json|pem|p8|key|txt|yml|yaml|cfg|ini)$|^[\\w.-]+\\.(?:pem|p8|p12|pfx|key|json|crt)$");
    private static final Pattern PLAIN_URL = Pattern.compile("^(?:https?|s3|gs|file)://[^@\\s]*$");

    private Values() {
    }

    public static Kind classify(String raw) {
        if (raw == null) {
            return Kind.NOT_A_SECRET;
        }
        String v = raw.strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (v.isEmpty()) {
            return Kind.NOT_A_SECRET;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false") || lower.equals("yes") || lower.equals("no")
                || lower.equals("on") || lower.equals("off") || NUMBER.matcher(v).matches() && v.length() < 8) {
            return Kind.NOT_A_SECRET;
        }
        if (v.startsWith("$(") || v.startsWith("`")) {
            return Kind.REFERENCE; // command substitution, $(gcloud auth print-access-token), cut at its first space
        }
        if (isReference(v)) {
            return Kind.REFERENCE;
        }
        if (CONFIG_WORDS.contains(lower) || v.length() <= 40 && VERSION.matcher(v).matches()) {
            return Kind.NOT_A_SECRET; // id-token: write, secrets: inherit; "jsonwebtoken": "9.0.0"
        }
        if (PATH.matcher(v).matches() || PLAIN_URL.matcher(v).matches()) {
            return Kind.NOT_A_SECRET;
        }
        // prose, not a credential: "Enter your password", "the API token used by the loader"
        if (v.chars().filter(c -> c == ' ').count() >= 2 || PROSE.matcher(v).matches()) {
            return Kind.NOT_A_SECRET;
        }
        // the shape patterns below repeat groups, which Java's regex engine recurses on: long values skip them
        boolean shortValue = v.length() <= 200;
        if (shortValue && (FIELD_PATH.matcher(v).matches() || CLASS_NAME.matcher(v).matches())) {
            return Kind.NOT_A_SECRET; // extra.private_key_content: the name of a field holding the secret
        }
        if (shortValue && (isTestValue(lower) || PROVIDER_STUB.matcher(v).matches())) {
            return Kind.PLACEHOLDER; // mock_value, test-secret-key, fake_token_123
        }
        if (WEAK_DEFAULTS.contains(lower) || shortValue && (NUMBERED_WORD.matcher(lower).matches()
                || namesACredential(lower))) {
            return Kind.WEAK_DEFAULT;
        }
        if (shortValue && PLACEHOLDER.matcher(v).matches() || isRepeated(v)) {
            return Kind.PLACEHOLDER;
        }
        if (shortValue && IDENTIFIER.matcher(v).matches()) {
            return Kind.NOT_A_SECRET; // {"token_transfers": "block_number"}, {"token": "_count"}: a config word
        }
        return Kind.LITERAL;
    }

    /** True for env-var, template, secret-manager and vault references, and code reading a secret at run time. */
    public static boolean isReference(String v) {
        String s = v.strip();
        if (s.length() > 4096) {
            return false;
        }
        return DOLLAR_VAR.matcher(s).matches() || ENV_NAME.matcher(s).matches() || CODE_EXPRESSION.matcher(s).matches()
                || (s.startsWith("ENC[") || s.indexOf('{') >= 0 || s.indexOf('$') >= 0 || s.indexOf('%') >= 0 || s.indexOf(':') >= 0
                        || s.indexOf('<') >= 0 || s.startsWith("vault") || s.startsWith("projects/")
                        || s.startsWith("secret/") || s.startsWith("kv/"))
                && REFERENCE.matcher(s).matches();
    }

    /** {@code aaaaaaaa}, {@code 00000000}, {@code abcabcabc}: not generated, not real. */
    private static boolean isRepeated(String v) {
        if (v.length() < 4) {
            return false;
        }
        for (int period = 1; period <= 3; period++) {
            boolean repeats = true;
            for (int i = period; i < v.length() && repeats; i++) {
                repeats = v.charAt(i) == v.charAt(i - period);
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }
}
