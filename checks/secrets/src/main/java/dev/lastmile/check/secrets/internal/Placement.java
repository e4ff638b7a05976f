package dev.lastmile.check.secrets.internal;

import dev.lastmile.check.secrets.detect.Entropy;
import dev.lastmile.check.secrets.extract.Entry;
import dev.lastmile.check.secrets.rules.HighEntropyCredential;
import dev.lastmile.check.secrets.rules.LiteralCredentialValue;
import dev.lastmile.check.secrets.rules.WeakPlaceholderCredential;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a keyed value sits decides what it is, as much as what it looks like. A value under a credential key on a
 * commented line, or in a template meant to be copied ({@code .env.example}, {@code profiles.yml.sample}), is a
 * placeholder unless it looks generated: a real secret pasted there is still a leak, "passwordformail" is not. A weak
 * or placeholder value in test code is a fixture. Only the keyed rules are weighed here (SEC001, SEC012, SEC013); a
 * provider's token format (Slack, AWS, GitHub...) is a finding wherever it sits.
 */
public final class Placement {

    private static final Set<String> KEYED = Set.of(
            LiteralCredentialValue.META.id(), HighEntropyCredential.META.id(), WeakPlaceholderCredential.META.id());

    /** {@code .env.example}, {@code .env_example}, {@code config.sample.yml}, {@code sample_profiles.yml}, {@code x.dist}. */
    private static final Pattern TEMPLATE_NAME = Pattern.compile("(?i)"
            + ".+\\.(?:example|sample|template|tmpl|tpl|dist|skel)"      // .env.example, profiles.yml.dist
            + "|.+[_-](?:example|sample)(?:\\.[a-z0-9]+)?"               // .env_example, config-sample.ini
            + "|.+\\.(?:example|sample|template|tmpl|dist)\\.[a-z0-9]+"  // config.example.yml
            + "|(?:example|sample)[._-].+");                               // sample_profiles.yml, example.env
    // not template.yaml (a CloudFormation/SAM template that is deployed), dist.py or examples.py
    /** Folders and file names of test code: {@code tests/}, {@code test_x.py}, {@code x_test.go}, {@code XTest.java}. */
    private static final Pattern TEST_PATH = Pattern.compile(
            "(?:^|.*/)(?:tests?|__tests__|spec|specs|testing|fixtures?|testdata|test_data)/.*"
                    + "|(?:^|.*/)test_[^/]*|.*_test\\.[a-z]+$|.*Tests?\\.(?:java|kt|scala|cs)$|.*\\.(?:spec|test)\\.[jt]sx?$"
                    + "|(?:^|.*/)conftest\\.py$");
    /** {@code # secret_key = value}, {@code ; password: value}, {@code // token = "value"} alone on a line. */
    private static final Pattern COMMENTED_ASSIGNMENT = Pattern.compile(
            "^\\s*(?:#+|;+|//|--)\\s*([A-Za-z_][A-Za-z0-9_.-]{0,80})\\s*[:=]\\s*([\"']?)([^\\s\"'#;]{1,400})\\2\\s*$");
    /** Formats whose parser drops comments: their commented assignments are read here. */
    private static final Set<String> COMMENT_DROPPING = Set.of("yaml", "toml", "properties", "dockerfile");

    private Placement() {
    }

    public static boolean isTemplate(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return TEMPLATE_NAME.matcher(name).matches();
    }

    public static boolean isTestCode(String path) {
        return TEST_PATH.matcher(path).matches();
    }

    /**
     * A random-looking value: the high-entropy test, or at least 20 characters of three character classes. What a
     * person types as a placeholder ("passwordformail", "k3str4") is neither.
     */
    static boolean looksGenerated(String v) {
        String s = v.strip();
        if (FileScanner.isHighEntropy(s)) {
            return true;
        }
        if (s.length() < 20 || s.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        int classes = (s.chars().anyMatch(Character::isUpperCase) ? 1 : 0) + (s.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                + (s.chars().anyMatch(Character::isDigit) ? 1 : 0) + (s.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
        return classes >= 3 && Entropy.shannon(s) >= 3.5;
    }

    /** Lines (1-based) that are comments: their first non-blank characters are {@code #}, {@code //}, {@code --} or {@code ;}. */
    static BitSet commentedLines(String text) {
        BitSet out = new BitSet();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int j = i;
            while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            if (j < n && (text.charAt(j) == '#' || text.charAt(j) == ';'
                    || text.startsWith("//", j) || text.startsWith("--", j))) {
                out.set(line);
            }
            int nl = text.indexOf('\n', j);
            if (nl < 0) {
                break;
            }
            i = nl + 1;
            line++;
        }
        return out;
    }

    /**
     * Assignments on commented lines of a format whose parser drops comments ({@code # secret_key = ...} in YAML,
     * INI, TOML, .env): a commented-out credential is still a committed one. {@link #keep} then keeps only those
     * that look generated.
     */
    public static List<Entry> commentedAssignments(String extractor, String text) {
        List<Entry> out = new ArrayList<>();
        if (!COMMENT_DROPPING.contains(extractor)) {
            return out;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length && i < 200_000; i++) {
            String l = lines[i];
            if (l.length() > 600) {
                continue;
            }
            Matcher m = COMMENTED_ASSIGNMENT.matcher(l);
            if (m.matches()) {
                out.add(Entry.of(m.group(1), m.group(3), i + 1));
            }
        }
        return out;
    }

    /** detect-secrets' inline marker: the repository reviewed the value on this line and allowed it. */
    private static final String DETECT_SECRETS_ALLOW = "pragma: allowlist secret";

    private static String lineOf(String text, int line) {
        int start = 0;
        for (int i = 1; i < line && start >= 0; i++) {
            start = text.indexOf('\n', start);
            start = start < 0 ? -1 : start + 1;
        }
        if (start < 0) {
            return "";
        }
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** The hits that stand where they sit (see the class comment). */
    public static List<Hit> keep(String path, String text, List<Hit> hits) {
        boolean template = isTemplate(path);
        boolean test = isTestCode(path);
        BitSet commented = null;
        List<Hit> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            if (!KEYED.contains(h.rule().id())) {
                out.add(h);
                continue;
            }
            if (test && h.rule() == WeakPlaceholderCredential.META) {
                continue; // "secret", "v-pass-1", "dagster": a fixture's stand-in, not a credential anyone uses
            }
            if (test && !looksGenerated(h.value()) && lineOf(text, h.line()).contains(DETECT_SECRETS_ALLOW)) {
                continue; // a test fixture the repository's own secret scanner reviewed and allowed (issue 16)
            }
            if (commented == null) {
                commented = commentedLines(text);
            }
            if ((template || commented.get(h.line())) && !looksGenerated(h.value())) {
                continue; // a placeholder in a commented-out or template line
            }
            out.add(h);
        }
        return out;
    }
}
