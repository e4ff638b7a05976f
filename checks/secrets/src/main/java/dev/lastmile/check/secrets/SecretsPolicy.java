package dev.lastmile.check.secrets;

import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyNode;
import dev.lastmile.core.util.Globs;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code secrets:} section of {@code .lastmile.yml}:
 * <pre>
 * secrets:
 *   test_fixtures: ["tests/fixtures/**", "**&#47;testdata/**"]  # findings there become SEC080 (info) or are skipped
 *   test_fixtures_action: info          # info (default) | skip
 *   credential_keys: [sf_secret_word]   # more key names that hold credentials in this organisation
 *   allowed_values:                     # values known to be harmless, by hash (never the value itself)
 *     - sha256:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
 *     - hmac:...                        # the secretHash property of a finding
 *   history: true                       # pull requests: scan every commit, not only the head
 *   history_max_commits: 250
 *   max_file_kb: 2048                   # larger files are skipped and the run marked incomplete
 * </pre>
 */
public record SecretsPolicy(List<Pattern> testFixtures, boolean skipTestFixtures, Set<String> credentialKeys,
                            Set<String> allowedSha256, Set<String> allowedHmac, boolean history,
                            int historyMaxCommits, int maxFileBytes) {

    public static final Set<String> KEYS = Set.of("test_fixtures", "test_fixtures_action", "credential_keys",
            "allowed_values", "history", "history_max_commits", "max_file_kb");
    private static final Pattern HASH = Pattern.compile("(sha256|hmac):([0-9a-fA-F]{64})");

    public static SecretsPolicy defaults() {
        return new SecretsPolicy(List.of(), false, Set.of(), Set.of(), Set.of(), true, 250, 2048 * 1024);
    }

    /** Reads and validates the section; errors name the file, line and key. */
    public static SecretsPolicy from(Policy policy) {
        PolicyNode s = policy.section("secrets");
        if (!s.isPresent()) {
            return defaults();
        }
        s.requireOnly(KEYS);
        List<Pattern> fixtures = new java.util.ArrayList<>();
        for (PolicyNode g : s.get("test_fixtures").elements()) {
            String glob = g.asString();
            if (glob.isBlank()) {
                throw g.error("a glob must not be empty");
            }
            try {
                fixtures.add(Globs.compile(glob));
            } catch (RuntimeException e) {
                throw g.error("not a valid glob: " + e.getMessage());
            }
        }
        boolean skip = s.get("test_fixtures_action").asEnum("info", Set.of("info", "skip")).equals("skip");
        Set<String> keys = new HashSet<>();
        for (PolicyNode k : s.get("credential_keys").elements()) {
            String key = k.asString().strip();
            if (key.isEmpty()) {
                throw k.error("a key name must not be empty");
            }
            keys.add(key);
        }
        Set<String> sha = new HashSet<>();
        Set<String> hmac = new HashSet<>();
        for (PolicyNode v : s.get("allowed_values").elements()) {
            java.util.regex.Matcher m = HASH.matcher(v.asString().strip());
            if (!m.matches()) {
                throw v.error("expected sha256:<64 hex digits> or hmac:<64 hex digits> (the hash of the value, never "
                        + "the value itself)");
            }
            (m.group(1).equals("sha256") ? sha : hmac).add(m.group(2).toLowerCase(Locale.ROOT));
        }
        boolean history = s.get("history").asBoolean(true);
        int maxCommits = s.get("history_max_commits").asInt(250, 1, 10_000);
        int maxKb = s.get("max_file_kb").asInt(2048, 16, 1024 * 1024);
        return new SecretsPolicy(List.copyOf(fixtures), skip, Set.copyOf(keys), Set.copyOf(sha), Set.copyOf(hmac),
                history, maxCommits, maxKb * 1024);
    }

    public boolean isTestFixture(String path) {
        return Globs.anyMatch(testFixtures, path);
    }
}
