package dev.lastmile.check.secrets.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a key, variable or keyword argument names a credential, from its words rather than its spelling:
 * {@code password}, {@code dbPassword}, {@code SNOWFLAKE_PASSWORD} and {@code master-password} are one word set.
 * A credential word followed by a word that makes the key about the credential rather than the credential itself
 * ({@code password_env}, {@code token_uri}, {@code private_key_path}, {@code secret_name}) is not a credential key.
 */
public final class CredentialKeys {

    /** How strongly a key's name says its value is a credential. */
    public enum Strength {
        /** Not a credential key. */
        NONE,
        /** A word that is often a credential but often not ({@code key}, {@code auth}): only a high-entropy value counts. */
        WEAK,
        /** A credential key: any literal that is not a reference or an obvious placeholder is a finding. */
        STRONG
    }

    /** Words that alone make a key a credential key. */
    private static final Set<String> STRONG_WORDS = Set.copyOf(java.util.List.of(
            "password", "passwd", "pwd", "pw", "pass", "passphrase", "passcode", "secret", "token", "apikey",
            "privatekey", "credential", "credentials", "keyfile_json", "sastoken", "accountkey", "masterkey",
            "signingkey", "accesstoken", "authtoken", "bearer", "encryptionkey"));

    /** Two-word compounds that name credentials ({@code api_key}, {@code access_key}, {@code private_key}). */
    private static final Set<String> STRONG_PAIRS = Set.copyOf(java.util.List.of(
            "api_key", "access_key", "private_key", "secret_key", "account_key", "master_key", "signing_key",
            "encryption_key", "client_key", "app_key", "auth_key", "service_key", "shared_key", "storage_key",
            "sas_token", "auth_token", "access_token", "refresh_token", "api_token", "keyfile_json", "key_json",
            "sas_url"));

    /** Words that make a key weakly suggest a credential. */
    private static final Set<String> WEAK_WORDS = Set.copyOf(java.util.List.of("key", "auth",
            // a collection of secrets' names more often than a value: compose's and Actions' secrets:, secrets_key=
            "secrets", "authorization", "cred", "creds", "sig",
            "signature", "hmac", "salt", "dsn"));

    /**
     * Words that, after a credential word, make the key about the credential: where it is, what it is called, how it
     * is checked. {@code id} covers {@code private_key_id}, {@code access_key_id}; both name, not secret.
     */
    private static final Set<String> ABOUT_WORDS = Set.copyOf(java.util.List.of(
            "uri", "url", "urls", "endpoint", "path", "paths", "file", "filename", "files", "dir", "directory",
            "env", "envvar", "var", "variable", "name", "names", "id", "ids", "type", "types", "length", "len", "min",
            "max", "minimum", "maximum", "policy", "policies", "required", "require", "hash", "hashed", "digest",
            "field", "fields", "label", "prompt", "help", "description", "desc", "header", "headers", "param",
            "parameter", "regex", "pattern", "expiry", "expires", "expiration", "expire", "ttl", "arn", "ref",
            "location", "count", "limit", "enabled", "enable", "disabled", "provider", "manager", "store", "rotation",
            "version", "format", "mode", "method", "source", "resolver", "backend", "command", "cmd", "lookup",
            "reset", "validation", "validator", "strength", "confirmation", "confirm", "hint", "placeholder",
            "schema", "table", "column", "prefix", "suffix", "scope", "scopes", "usage", "kind", "class", "mount",
            "engine", "set", "created", "updated", "age", "interval", "timeout", "retries", "encoding", "algorithm",
            "alg", "size", "bits", "secret_ref", "key_ref", "template", "sha", "sha256", "md5", "checksum", "fingerprint",
            "file_path", "key_path", "secret_name", "tokens", "tokenizer", "count", "secret_arn", "env_var",
            // a command-line option letter, a blockchain token's facts (token_transfers, token_address)
            "shortcut", "option", "flag", "alias", "transfers", "transfer", "address", "addresses", "balance",
            "balances", "supply", "symbol", "decimals", "holders", "holder", "contract", "contracts"));

    /** Words before a credential word that make the key something else ({@code public_key}, {@code csrf_token}). */
    private static final Set<String> NOT_BEFORE = Set.copyOf(java.util.List.of("public", "pub", "csrf", "xsrf", "page", "next", "continuation",
            "cursor", "sort", "partition", "primary", "foreign", "unique", "surrogate", "natural", "cache", "idempotency",
            "dedup", "dedupe", "sync", "lookup", "join", "cluster", "shard", "distribution", "row", "group", "sortkey",
            "distkey", "map", "dict", "hash", "object", "s3", "bucket", "redis", "kms", "ssh_public", "max", "min",
            // the key of a record in a domain (an edX COURSE_KEY, an order key, a translation key), not a key to anything
            "course", "program", "product", "item", "order", "event", "record", "entity", "message", "translation",
            "i18n", "locale", "config", "column", "table", "field", "feature", "experiment", "metric", "dimension"));

    /** Words that make the key itself say its value is not real. ("test" is not one: TEST_DB_PASSWORD is real.) */
    private static final Set<String> TEST_DOUBLE_WORDS = Set.of("fake", "dummy", "mock", "mocked", "example",
            "sample", "placeholder", "bogus", "invalid", "wrong", "bad", "incorrect");

    private final Set<String> extraKeys;

    /** @param extraKeys further key names (any spelling; normalised) the organisation uses for credentials */
    public CredentialKeys(Set<String> extraKeys) {
        Set<String> norm = new java.util.HashSet<>();
        for (String k : extraKeys) {
            norm.add(String.join("_", words(k)));
        }
        this.extraKeys = Set.copyOf(norm);
    }

    public static CredentialKeys defaults() {
        return new CredentialKeys(Set.of());
    }

    public Strength strength(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Strength.NONE;
        }
        List<String> w = words(key);
        if (w.isEmpty()) {
            return Strength.NONE;
        }
        if (extraKeys.contains(String.join("_", w))) {
            return Strength.STRONG;
        }
        for (String word : w) {
            if (TEST_DOUBLE_WORDS.contains(word)) {
                return Strength.NONE; // fake_jwt_token, dummy_password, example_api_key: named a test double
            }
        }
        Strength best = Strength.NONE;
        for (int i = 0; i < w.size(); i++) {
            String word = w.get(i);
            String pair = i + 1 < w.size() ? word + "_" + w.get(i + 1) : null;
            Strength here = Strength.NONE;
            int last = i;
            if (pair != null && STRONG_PAIRS.contains(pair)) {
                here = Strength.STRONG;
                last = i + 1;
            } else if (STRONG_WORDS.contains(word)) {
                here = Strength.STRONG;
            } else if (WEAK_WORDS.contains(word)) {
                here = Strength.WEAK;
            } else if (endsWithGluedCredential(word)) {
                here = Strength.STRONG; // PGPASSWORD, dbpassword, MYSQLPWD-style glued names
            }
            if (here == Strength.NONE) {
                continue;
            }
            if (i > 0 && NOT_BEFORE.contains(w.get(i - 1))) {
                continue;
            }
            if (aboutFollows(w, last + 1)) {
                continue;
            }
            if (here.compareTo(best) > 0) {
                best = here;
            }
        }
        return best;
    }

    /** Credential words long enough to recognise at the end of a glued word without false matches ("bypass"). */
    private static final java.util.List<String> GLUED_SUFFIXES = java.util.List.of("password", "passwd", "secret",
            "token", "apikey", "passphrase", "privatekey", "secretkey", "accesskey");

    private static boolean endsWithGluedCredential(String word) {
        for (String s : GLUED_SUFFIXES) {
            if (word.length() > s.length() && word.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean aboutFollows(List<String> w, int from) {
        for (int j = from; j < w.size(); j++) {
            String word = w.get(j);
            if (ABOUT_WORDS.contains(word)) {
                return true;
            }
            if (j + 1 < w.size() && ABOUT_WORDS.contains(word + "_" + w.get(j + 1))) {
                return true;
            }
        }
        return false;
    }

    /** True when the key names an AWS secret access key (any spelling). */
    public static boolean isAwsSecretKey(String key) {
        String k = String.join("_", words(key));
        return k.contains("aws_secret") || k.endsWith("secret_access_key") || k.equals("aws_secret_key")
                || k.equals("secret_access_key");
    }

    /** Lower-case words of a key: camelCase, snake_case, kebab-case, dotted and spaced names all split. */
    public static List<String> words(String key) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = Math.min(key.length(), 200);
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                boolean boundary = Character.isUpperCase(c) && cur.length() > 0
                        && (Character.isLowerCase(key.charAt(i - 1))
                        || (i + 1 < n && Character.isLowerCase(key.charAt(i + 1)) && Character.isUpperCase(key.charAt(i - 1))));
                if (boundary) {
                    out.add(cur.toString().toLowerCase(Locale.ROOT));
                    cur.setLength(0);
                }
                cur.append(c);
            } else if (cur.length() > 0) {
                out.add(cur.toString().toLowerCase(Locale.ROOT));
                cur.setLength(0);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString().toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
