package dev.lastmile.check.secrets.internal;

import dev.lastmile.check.secrets.SecretRules;
import dev.lastmile.check.secrets.SecretsPolicy;
import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.Entropy;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.check.secrets.extract.Entry;
import dev.lastmile.check.secrets.extract.Extraction;
import dev.lastmile.check.secrets.extract.Extractor;
import dev.lastmile.check.secrets.extract.Extractors;
import dev.lastmile.check.secrets.extract.JsonExtractor;
import dev.lastmile.check.secrets.rules.AwsAccessKey;
import dev.lastmile.check.secrets.rules.FileTooLarge;
import dev.lastmile.check.secrets.rules.GcpServiceAccountKey;
import dev.lastmile.check.secrets.rules.HighEntropyCredential;
import dev.lastmile.check.secrets.rules.LiteralCredentialValue;
import dev.lastmile.check.secrets.rules.PasswordInConnectionString;
import dev.lastmile.check.secrets.rules.PrivateKeyBlock;
import dev.lastmile.check.secrets.rules.UnparsableFile;
import dev.lastmile.check.secrets.rules.WeakPlaceholderCredential;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans one file's text: provider detectors over the raw text (any format), the format's extractor for named
 * values, classification of each value (reference, placeholder, weak default, literal), the inline allow marker,
 * the policy's allowlisted hashes, and overlap resolution so one secret yields one finding. Never throws for bad
 * input; thread-safe.
 */
public final class FileScanner {

    /**
     * Inline marker that suppresses credential findings on its line (or on the next line, alone in a comment) when it
     * gives a reason; read by the engine's suppressions (core {@code Suppressions}).
     */
    public static final String ALLOW_MARKER = "lastmile:allow";

    /** Files never read: lock files and generated bundles are full of hashes and hold no configuration. */
    private static final Set<String> SKIPPED_NAMES = Set.of("package-lock.json", "yarn.lock", "pnpm-lock.yaml",
            "poetry.lock", "pipfile.lock", "cargo.lock", "go.sum", "composer.lock", "gemfile.lock", "uv.lock",
            "pdm.lock", "bun.lockb", "npm-shrinkwrap.json", "package-lock.yml", ".lastmile.yml", ".lastmile.yaml");

    private static final Pattern BEARER = Pattern.compile("(?i)^(?:bearer|token|basic)\\s+(\\S{8,})$");
    private static final Pattern HASHED_PASSWORD = Pattern.compile(
            "^(?:md5[0-9a-f]{32}|SCRAM-SHA-256\\$.*|\\$2[abxy]?\\$\\d\\d\\$.*|\\$argon2.*|\\$[56]\\$.*|\\{SSHA}.*|"
                    + "pbkdf2_sha256\\$.*|sha256\\$.*)$");
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern PAIRS = Pattern.compile("([A-Za-z_][A-Za-z0-9_ ]{0,60})=([^;]*)");
    private static final Pattern SHORT_WORD = Pattern.compile("^[A-Z]?[a-z]{2,9}$");
    /** Translation catalogues: "password": "Passwort" is a label. Provider formats are still read there. */
    private static final Pattern I18N_PATH = Pattern.compile(
            "(?i)(?:^|.*/)(?:locales?|i18n|l10n|translations?|lang|langs|messages)/.*");
    private static final Pattern AWS_SECRET_SHAPE = Pattern.compile("^[A-Za-z0-9/+]{40}$");

    private final SecretsPolicy policy;
    private final SecretHasher hasher;
    private final CredentialKeys keys;

    public FileScanner(SecretsPolicy policy, SecretHasher hasher) {
        this.policy = policy;
        this.hasher = hasher;
        this.keys = new CredentialKeys(policy.credentialKeys());
    }

    /**
     * What scanning one file gave.
     *
     * @param hits       the credentials found, resolved and allowlisted
     * @param incomplete why the file could not be judged, or null
     */
    public record Result(List<Hit> hits, String incomplete) {
    }

    /** True for paths that are never read (lock files, the policy file). */
    public static boolean isSkipped(String path) {
        String name = Extractor.fileName(path);
        return SKIPPED_NAMES.contains(name) || name.endsWith(".min.js") || name.endsWith(".min.css")
                || name.endsWith(".map");
    }

    public Result scan(String path, String text) {
        if (text.length() > policy.maxFileBytes()) {
            // scanned as far as it safely can be: the first max_file_kb, cut at a line end, and said so
            int cut = text.lastIndexOf('\n', policy.maxFileBytes());
            String part = text.substring(0, cut > 0 ? cut + 1 : policy.maxFileBytes());
            Result first = scan(path, part);
            List<Hit> hits = new ArrayList<>(first.hits());
            hits.add(new Hit(FileTooLarge.META, 1, 1, "", "file of " + (text.length() / 1024) + " KiB, over the "
                    + (policy.maxFileBytes() / 1024) + " KiB limit (secrets.max_file_kb): only its first "
                    + (part.length() / 1024) + " KiB were scanned", "size-limit", 0));
            return new Result(hits, path + ": only the first " + (part.length() / 1024) + " of "
                    + (text.length() / 1024) + " KiB scanned for credentials (secrets.max_file_kb)");
        }
        LineIndex index = new LineIndex(text);
        String lower = text.toLowerCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        rawDetectors(text, lower, index, hits);
        Optional<Extractor> extractor = Extractors.forPath(path);
        if (I18N_PATH.matcher(path).matches()) {
            extractor = Optional.empty();
        }
        if (extractor.isPresent() && (!TOKEN_LEVEL.contains(extractor.get().name()) || mayNameACredential(lower))) {
            Extraction x;
            try {
                x = extractor.get().extract(text);
            } catch (RuntimeException | StackOverflowError e) {
                // an extractor bug must not lose the file: the provider detectors above already ran
                x = Extraction.failed(extractor.get().name() + " reader failed: " + e.getClass().getSimpleName(), 1,
                        List.of());
            }
            for (Entry e : x.entries()) {
                classify(e, hits, 0);
            }
            for (Entry e : Placement.commentedAssignments(extractor.get().name(), text)) {
                classify(e, hits, 0);
            }
            if (!x.parsed() && reportsParseErrors(extractor.get(), text)) {
                // parsers report end-of-input one line past the last; findings stay on the file's lines
                int line = Math.min(x.problemLine(), index.lineOf(Math.max(0, text.length() - 1)));
                hits.add(new Hit(UnparsableFile.META, line, line, "",
                        sanitize(x.problem()), extractor.get().name(), 0));
            }
        }
        pairAwsSecrets(text, index, hits);
        List<Hit> kept = filter(Placement.keep(path, text, hits), text);
        return new Result(resolveOverlaps(kept), null);
    }

    /**
     * Every key that can yield a finding contains one of these (credential words, glued or not, the service-account
     * marker): a file with none of them is left to the provider detectors, which is most SQL models and schema files.
     */
    private static final List<String> CREDENTIAL_HINTS = List.of("pass", "pwd", "secret", "token", "key", "auth",
            "cred", "sig", "hmac", "salt", "dsn", "bearer", "private", "service_account", "identified");
    /** Extractors that only read code: structured formats are always parsed, for their parse notes. */
    private static final Set<String> TOKEN_LEVEL = Set.of("sql", "python", "c-like", "scripting", "shell");

    /** @param lower the text in lower case */
    private boolean mayNameACredential(String lower) {
        if (!policy.credentialKeys().isEmpty()) {
            return true;
        }
        for (String h : CREDENTIAL_HINTS) {
            if (lower.contains(h)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parser messages quote the text they choke on, which may be the very secret ({@code "password": hunter2} is
     * "Unrecognized token 'hunter2'"): every quoted part is dropped, and the message is cut short.
     */
    static String sanitize(String problem) {
        String p = problem.replaceAll("(?s)\\s*(?:\\(start marker )?at \\[Source:.*$", "")
                .replaceAll("'[^']*'", "'…'")
                .replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("`[^`]*`", "`…`")
                .replaceAll("['\"`][^'\"`]*$", "…") // an unbalanced quote: drop everything after it
                .replaceAll("[\\r\\n\\t]+", " ")
                .strip();
        return p.length() > 160 ? p.substring(0, 160) + "…" : p;
    }

    /**
     * True when a URL's password repeats its user name ({@code scheme://loader:loader@host}). lastmile:ignore SEC002 -- example
     */
    private static boolean sameAsUser(String text, Detector.Match m) {
        int colon = m.start() - 1;
        if (colon < 1 || text.charAt(colon) != ':') {
            return false;
        }
        String user = m.value();
        int start = colon - user.length();
        return start >= 1 && text.startsWith(user, start) && (text.charAt(start - 1) == '/');
    }

    /** Jinja-templated YAML (dbt) is often not valid YAML until rendered: not worth a note. */
    private static boolean reportsParseErrors(Extractor extractor, String text) {
        return !(extractor.name().equals("yaml") && (text.contains("{{") || text.contains("{%")));
    }

    private void rawDetectors(String text, String lower, LineIndex index, List<Hit> hits) {
        for (Detector d : SecretRules.detectors()) {
            boolean present = false;
            for (String k : d.keywords()) {
                if (lower.contains(k)) {
                    present = true;
                    break;
                }
            }
            if (!present) {
                continue;
            }
            for (Detector.Match m : d.find(text)) {
                int line = index.lineOf(m.start());
                int end = index.lineOf(Math.max(m.start(), m.end() - 1));
                if (d.rule() == PasswordInConnectionString.META) {
                    Values.Kind kind = Values.classify(m.value());
                    if (kind == Values.Kind.LITERAL && sameAsUser(text, m)) {
                        kind = Values.Kind.WEAK_DEFAULT; // loader:loader@, root:root@: the user name as password
                    }
                    if (kind == Values.Kind.WEAK_DEFAULT) {
                        hits.add(new Hit(WeakPlaceholderCredential.META, line, end, m.value(),
                                "well-known default password in a connection string", d.id(), 1));
                    } else if (kind == Values.Kind.LITERAL) {
                        hits.add(new Hit(d.rule(), line, end, m.value(), m.label(), d.id(), d.priority()));
                    }
                    continue;
                }
                hits.add(new Hit(d.rule(), line, end, m.value(), m.label(), d.id(), d.priority()));
            }
        }
    }

    private void classify(Entry e, List<Hit> hits, int depth) {
        if (e.kind() == Entry.Kind.SERVICE_ACCOUNT) {
            if (!PrivateKeyBlock.containsRealKey(e.value())) {
                return; // a documentation template: "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"
            }
            hits.add(new Hit(GcpServiceAccountKey.META, e.line(), e.line(), e.value(),
                    "service-account key (private_key of a \"type\": \"service_account\" object)",
                    "gcp-service-account-structure", 4));
            return;
        }
        String value = e.value();
        if (value.length() > 10_000 || value.isBlank()) {
            return;
        }
        String trimmed = value.strip();
        if (depth < 2 && trimmed.startsWith("{") && trimmed.endsWith("}") && trimmed.contains("\"")
                && mayNameACredential(trimmed.toLowerCase(Locale.ROOT))) {
            // JSON in a value: Airflow connection extras, AIRFLOW_CONN_* in JSON form, keyfile_json as a string
            Extraction inner = new JsonExtractor().extract(trimmed);
            if (inner.parsed()) {
                for (Entry i : inner.entries()) {
                    classify(new Entry(i.key(), i.value(), e.line(), e.endLine(), i.kind()), hits, depth + 1);
                }
                return;
            }
        }
        CredentialKeys.Strength strength = strengthOf(e.key());
        if (depth < 2 && strength != CredentialKeys.Strength.NONE && trimmed.indexOf(';') > 0
                && trimmed.indexOf('=') > 0 && !trimmed.contains("://")) {
            // key=value;key=value: Redshift CREDENTIALS, connection strings in a value
            Matcher m = PAIRS.matcher(trimmed);
            List<Entry> pairs = new ArrayList<>();
            while (m.find()) {
                pairs.add(new Entry(m.group(1).strip(), m.group(2).strip(), e.line(), e.endLine(), Entry.Kind.KEY_VALUE));
            }
            if (pairs.size() >= 2) {
                pairs.forEach(p -> classify(p, hits, depth + 1));
                return;
            }
        }
        Matcher bearer = BEARER.matcher(trimmed);
        if (bearer.matches() && strength != CredentialKeys.Strength.NONE) {
            value = bearer.group(1);
            trimmed = value;
            strength = CredentialKeys.Strength.STRONG;
        }
        if (strength == CredentialKeys.Strength.NONE) {
            return;
        }
        if (trimmed.contains("://") && trimmed.contains("@") || trimmed.contains("-----BEGIN")) {
            return; // the connection-string and private-key detectors judge these, on raw text
        }
        if (HASHED_PASSWORD.matcher(trimmed).matches()) {
            return; // a password hash (bcrypt, SCRAM, md5 role passwords): not the password itself
        }
        if (trimmed.length() >= 10 && trimmed.equalsIgnoreCase(e.key().strip())) {
            return; // "activedirectorypassword" = "activedirectorypassword": an enum value or a field name
        }
        Values.Kind kind = Values.classify(trimmed);
        String shownKey = shownKey(e.key());
        String decoded = strength == CredentialKeys.Strength.STRONG ? printableBase64(trimmed) : null;
        if (decoded != null) {
            // Kubernetes Secret data: base64 is an encoding, not a protection; judge what it encodes
            Values.Kind inner = Values.classify(decoded);
            kind = inner == Values.Kind.LITERAL || inner == Values.Kind.WEAK_DEFAULT ? inner : Values.Kind.NOT_A_SECRET;
            shownKey = shownKey + " (base64-encoded)";
        }
        switch (kind) {
            case NOT_A_SECRET, REFERENCE, PLACEHOLDER -> {
            }
            case WEAK_DEFAULT -> {
                if (strength == CredentialKeys.Strength.STRONG) {
                    hits.add(new Hit(WeakPlaceholderCredential.META, e.line(), e.endLine(), trimmed,
                            (Values.namesACredential(trimmed.toLowerCase(Locale.ROOT))
                                    ? "value under " + shownKey + " that names a credential rather than being one "
                                    + "(a placeholder, or a weak password)"
                                    : "well-known default value under " + shownKey), "keyed-value", 1));
                }
            }
            case LITERAL -> {
                if (strength == CredentialKeys.Strength.STRONG) {
                    if (CredentialKeys.isAwsSecretKey(e.key()) && AWS_SECRET_SHAPE.matcher(trimmed).matches()) {
                        hits.add(new Hit(AwsAccessKey.META, e.line(), e.endLine(), trimmed,
                                "AWS secret access key under " + shownKey, "aws-secret-access-key", 3));
                    } else if (trimmed.length() < 6) {
                        hits.add(new Hit(WeakPlaceholderCredential.META, e.line(), e.endLine(), trimmed,
                                "value under " + shownKey + " too short to be a real secret", "keyed-value", 1));
                    } else if (SHORT_WORD.matcher(trimmed).matches()) {
                        // "Passwort", "Secret", "Token": a label in a translation or UI file far more often than a
                        // password; and a password that is one short word is weak anyway
                        hits.add(new Hit(WeakPlaceholderCredential.META, e.line(), e.endLine(), trimmed,
                                "single word under " + shownKey + ", a label or a weak password", "keyed-value", 1));
                    } else {
                        hits.add(new Hit(LiteralCredentialValue.META, e.line(), e.endLine(), trimmed,
                                "literal credential under " + shownKey, "keyed-value", 1));
                    }
                } else if (isHighEntropy(trimmed)) {
                    hits.add(new Hit(HighEntropyCredential.META, e.line(), e.endLine(), trimmed,
                            "high-entropy value under " + shownKey, "keyed-high-entropy", 0));
                }
            }
            default -> {
            }
        }
    }

    private static final Pattern BASE64 = Pattern.compile("^[A-Za-z0-9+/]{8,400}={0,2}$");

    /** The text a base64 value encodes, when it is printable ASCII (so the value was an encoded string); else null. */
    static String printableBase64(String v) {
        if (v.length() % 4 != 0 || !BASE64.matcher(v).matches()) {
            return null;
        }
        try {
            byte[] bytes = java.util.Base64.getDecoder().decode(v);
            for (byte b : bytes) {
                if (b < 0x20 || b > 0x7e) {
                    return null;
                }
            }
            return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Keys repeat by the thousand in manifests and notebooks: their verdicts are remembered (bounded). */
    private final java.util.concurrent.ConcurrentHashMap<String, CredentialKeys.Strength> strengthCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    private CredentialKeys.Strength strengthOf(String key) {
        CredentialKeys.Strength cached = strengthCache.get(key);
        if (cached != null) {
            return cached;
        }
        CredentialKeys.Strength s = keys.strength(key);
        if (strengthCache.size() > 50_000) {
            strengthCache.clear();
        }
        strengthCache.put(key, s);
        return s;
    }

    /** Key names are published; anything odd-looking is not, in case a value sits in key position. */
    private static String shownKey(String key) {
        String k = key.strip();
        if (k.length() > 60 || !k.matches("[A-Za-z0-9_.$@ \\[\\]-]+")) {
            return "a credential key";
        }
        return "'" + k + "'";
    }

    static boolean isHighEntropy(String v) {
        if (v.length() < HighEntropyCredential.MIN_LENGTH || v.length() > 512 || v.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        if (Entropy.isHex(v) || UUID.matcher(v).matches() || v.matches("[a-z]+(?:[._-][a-z]+)*")) {
            return false;
        }
        // generated keys mix upper case, lower case and digits (a 16+ character base62 key lacks one of them with
        // probability under 6%); identifiers and paths (model__pkg__orders, docs/nested/artifact) do not
        boolean upper = v.chars().anyMatch(Character::isUpperCase);
        boolean lower = v.chars().anyMatch(Character::isLowerCase);
        boolean digit = v.chars().anyMatch(Character::isDigit);
        return upper && lower && digit && Entropy.shannon(v) >= HighEntropyCredential.MIN_ENTROPY;
    }

    /** A 40-character secret-key-shaped string within a few lines of an AWS key id is its secret. */
    private static void pairAwsSecrets(String text, LineIndex index, List<Hit> hits) {
        List<Hit> ids = hits.stream().filter(h -> h.detector().equals("aws-access-key-id")).toList();
        if (ids.isEmpty()) {
            return;
        }
        Matcher m = AwsAccessKey.BARE_SECRET.matcher(text);
        while (m.find()) {
            String v = m.group(1);
            int line = index.lineOf(m.start(1));
            boolean near = ids.stream().anyMatch(h -> Math.abs(h.line() - line) <= AwsAccessKey.PAIR_DISTANCE);
            if (!near || Entropy.isHex(v) || Entropy.characterClasses(v) < 3 || Entropy.shannon(v) < 4.2
                    || RegexDetector.EXAMPLE.matcher(v).matches()) {
                continue;
            }
            int idLine = ids.stream().min(Comparator.comparingInt(h -> Math.abs(h.line() - line))).orElseThrow().line();
            hits.add(new Hit(AwsAccessKey.META, line, line, v,
                    "AWS secret access key (paired with the key id on line " + idLine + ")", "aws-secret-access-key", 3));
        }
    }

    /**
     * The policy's allowlisted hashes. The inline allow marker is no longer judged here: the engine treats it as a
     * suppression that needs a reason and is listed, like every {@code lastmile:ignore} (issue 14).
     */
    private List<Hit> filter(List<Hit> hits, String text) {
        boolean allowlist = !policy.allowedSha256().isEmpty() || !policy.allowedHmac().isEmpty();
        if (hits.isEmpty() || !allowlist) {
            return hits;
        }
        List<Hit> out = new ArrayList<>();
        for (Hit h : hits) {
            if (!h.value().isEmpty() && (policy.allowedSha256().contains(SecretHasher.sha256(h.value()))
                    || policy.allowedHmac().contains(hasher.hash(h.value())))) {
                continue;
            }
            out.add(h);
        }
        return out;
    }

    /** One finding per secret: of hits on the same value (or one inside the other) the most specific is kept. */
    static List<Hit> resolveOverlaps(List<Hit> hits) {
        List<Hit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingInt(Hit::priority).reversed().thenComparingInt(Hit::line));
        List<Hit> kept = new ArrayList<>();
        for (Hit h : sorted) {
            boolean dup = false;
            String core = h.core();
            for (Hit k : kept) {
                if (!k.overlapsLines(h)) {
                    continue;
                }
                if (k.rule() == h.rule() && k.line() == h.line() && k.value().equals(h.value())) {
                    dup = true;
                } else if (k.rule() == h.rule() && k.line() == h.line() && k.detector().startsWith("gcp-service")) {
                    dup = true; // one service-account key found from structure and from raw text
                } else if (!core.isEmpty() && !k.core().isEmpty() && core.length() >= 6
                        && (k.core().contains(core) || core.contains(k.core()))) {
                    dup = true;
                }
                if (dup) {
                    break;
                }
            }
            if (!dup) {
                kept.add(h);
            }
        }
        kept.sort(Comparator.comparingInt(Hit::line).thenComparing(h -> h.rule().id()));
        return kept;
    }

    /** Offsets to 1-based lines, counting {@code \n} only, as git and Texts do. */
    static final class LineIndex {
        private final int[] starts;

        LineIndex(String text) {
            List<Integer> s = new ArrayList<>();
            s.add(0);
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    s.add(i + 1);
                }
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }

        int lineOf(int offset) {
            int lo = 0;
            int hi = starts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= offset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo + 1;
        }
    }
}
