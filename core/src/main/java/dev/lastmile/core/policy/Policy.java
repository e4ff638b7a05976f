package dev.lastmile.core.policy;

import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.util.Globs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The organisation's {@code .lastmile.yml}, parsed. The top level (threshold, ignore globs, rule overrides, which
 * checks run) is typed here; each check family reads its own section ({@code sql}, {@code secrets},
 * {@code residency}, {@code licenses}) through {@link #section(String)} and validates it in
 * {@code Check.validatePolicy}, so errors always name file, line and key.
 */
public final class Policy {

    /**
     * Paths never reported on, in any folder (a dbt project often lives in a subfolder): installed packages, build
     * output, virtual environments.
     */
    public static final List<String> DEFAULT_IGNORES = List.of("**/dbt_packages/", "**/dbt_modules/", "**/target/",
            "**/node_modules/", "**/.venv/", "**/venv/", "**/.git/", "**/logs/");

    /** Fail the run on new findings of this severity or above unless the policy says otherwise. */
    public static final Severity DEFAULT_FAIL_ON = Severity.HIGH;

    private final String source;
    private final Severity failOn;
    private final List<String> ignoreGlobs;
    private final List<Pattern> ignorePatterns;
    private final List<RuleOverride> ruleOverrides;
    private final Set<String> enabledChecks;
    private final PolicyNode root;
    private final AiPolicy ai;
    private final String sourceHash;

    Policy(String source, Severity failOn, List<String> extraIgnores, List<RuleOverride> ruleOverrides,
           Set<String> enabledChecks, PolicyNode root) {
        this(source, failOn, extraIgnores, ruleOverrides, enabledChecks, root, AiPolicy.none());
    }

    Policy(String source, Severity failOn, List<String> extraIgnores, List<RuleOverride> ruleOverrides,
           Set<String> enabledChecks, PolicyNode root, AiPolicy ai) {
        this(source, failOn, extraIgnores, ruleOverrides, enabledChecks, root, ai, null);
    }

    private Policy(String source, Severity failOn, List<String> extraIgnores, List<RuleOverride> ruleOverrides,
                   Set<String> enabledChecks, PolicyNode root, AiPolicy ai, String sourceHash) {
        this.sourceHash = sourceHash;
        this.ai = ai == null ? AiPolicy.none() : ai;
        this.source = source;
        this.failOn = failOn;
        List<String> globs = new ArrayList<>(DEFAULT_IGNORES);
        globs.addAll(extraIgnores);
        this.ignoreGlobs = List.copyOf(globs);
        this.ignorePatterns = globs.stream().map(Globs::compile).toList();
        this.ruleOverrides = List.copyOf(ruleOverrides);
        this.enabledChecks = enabledChecks == null ? null : Set.copyOf(enabledChecks);
        this.root = root;
    }

    /** The policy used when a repository has no {@code .lastmile.yml}. */
    public static Policy defaults() {
        return new Policy("(defaults)", DEFAULT_FAIL_ON, List.of(), List.of(), null,
                PolicyNode.missing(".lastmile.yml", ""));
    }

    /** Where the policy came from: a file name, or {@code (defaults)}. */
    public String source() {
        return source;
    }

    public boolean isDefault() {
        return "(defaults)".equals(source);
    }

    public Severity failOn() {
        return failOn;
    }

    /** The same policy with another threshold (the CLI's {@code --fail-on}). */
    public Policy withFailOn(Severity threshold) {
        return new Policy(source, threshold, ignoreGlobs.subList(DEFAULT_IGNORES.size(), ignoreGlobs.size()),
                ruleOverrides, enabledChecks, root, ai, sourceHash);
    }

    /**
     * {@code sha256:<hex>} of the policy file's text as read, or null for the defaults: what the audit trail records,
     * so evidence names the exact policy a change was judged by.
     */
    public String sourceHash() {
        return sourceHash;
    }

    /** The {@code sha256:<hex>} of a policy file's text ({@link #sourceHash()}), or null for none. */
    public static String hashOf(String text) {
        if (text == null) {
            return null;
        }
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The same policy, knowing the hash of the text it was read from. */
    Policy hashed(String text) {
        return new Policy(source, failOn, ignoreGlobs.subList(DEFAULT_IGNORES.size(), ignoreGlobs.size()), ruleOverrides,
                enabledChecks, root, ai, hashOf(text));
    }

    /** The {@code provenance.ai} section: how findings on AI-authored lines are judged (docs/provenance.md). */
    public AiPolicy ai() {
        return ai;
    }

    public List<String> ignoreGlobs() {
        return ignoreGlobs;
    }

    public boolean isIgnored(String path) {
        return Globs.anyMatch(ignorePatterns, path);
    }

    /** True when the policy's own {@code ignore:} names the path (the default ignore folders not counted). */
    public boolean isIgnoredExplicitly(String path) {
        return Globs.anyMatch(ignorePatterns.subList(DEFAULT_IGNORES.size(), ignorePatterns.size()), path);
    }

    /** The checks the policy turns on, or empty for "all that are installed". */
    public Optional<Set<String>> enabledChecks() {
        return Optional.ofNullable(enabledChecks);
    }

    public List<RuleOverride> ruleOverrides() {
        return ruleOverrides;
    }

    /** The last override that names this rule (by id, name or alias), if any. */
    public Optional<RuleOverride> overrideFor(RuleMeta rule) {
        RuleOverride found = null;
        for (RuleOverride o : ruleOverrides) {
            if (rule.isNamedBy(o.ref())) {
                found = o;
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEnabled(RuleMeta rule) {
        return overrideFor(rule).map(RuleOverride::enabled).orElse(true);
    }

    public Severity severityOf(RuleMeta rule) {
        return overrideFor(rule).map(RuleOverride::severity).filter(s -> s != null).orElse(rule.severity());
    }

    /** A check family's section, e.g. {@code section("sql")}; a missing node when the policy has none. */
    public PolicyNode section(String name) {
        return root.get(name);
    }

    /** The whole document, for adapters that read their own top-level keys (e.g. {@code pull_requests}). */
    public PolicyNode root() {
        return root;
    }

    /** Every top-level key the loader accepts; family sections are validated by their checks. */
    public static final Set<String> TOP_LEVEL_KEYS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("version", "fail_on", "ignore", "checks", "rules", "pull_requests", "limits", "provenance"),
            java.util.Arrays.stream(dev.lastmile.core.scan.CheckFamily.values()).map(dev.lastmile.core.scan.CheckFamily::policySection))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    static Map<String, PolicyNode> topLevel(PolicyNode root) {
        return root.requireOnly(TOP_LEVEL_KEYS).entries();
    }
}
