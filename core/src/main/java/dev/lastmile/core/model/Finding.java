package dev.lastmile.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One problem found by a check, anchored on a file region.
 *
 * <p>Checks build findings with {@link #of(RuleMeta, String, Region, String)} and leave {@code status} and
 * {@code fingerprint} unset; the scan engine fills them in (status from the change's line ranges, fingerprint from
 * the rule, path and the content of the finding's line, so it survives unrelated lines moving). A check that knows a
 * better identity than the line's text (a secret's keyed hash, a package name) passes it as {@code fingerprintKey}.
 *
 * <p>A finding never holds a secret's value: credential findings carry a masked preview in {@code properties}.
 *
 * @param ruleId         the rule's stable id
 * @param category       the rule's category
 * @param severity       effective severity (the rule default, or the policy override)
 * @param title          the rule's one-line summary
 * @param message        what is wrong here, specifically
 * @param path           repository-relative path with forward slashes
 * @param region         1-based lines of the file as a person edits it
 * @param remediation    what to do
 * @param check          the check family that found it ({@code sql}, {@code secrets}, ...)
 * @param status         new / existing / suppressed, or null until the engine sets it
 * @param fingerprint    stable identity across unrelated edits, or null until the engine sets it
 * @param fingerprintKey the check's identity hint for the fingerprint, or null to use the line's content
 * @param properties     extra, rule-specific facts safe to publish (never secret values)
 */
public record Finding(String ruleId, Category category, Severity severity, String title, String message, String path,
                      Region region, String remediation, String check, FindingStatus status, String fingerprint,
                      String fingerprintKey, Map<String, String> properties) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(region, "region");
        title = Objects.requireNonNullElse(title, "");
        message = Objects.requireNonNullElse(message, "");
        remediation = Objects.requireNonNullElse(remediation, "");
        check = Objects.requireNonNullElse(check, "");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A finding of {@code rule} at {@code region} of {@code path}, with the rule's defaults. */
    public static Finding of(RuleMeta rule, String path, Region region, String message) {
        return new Finding(rule.id(), rule.category(), rule.severity(), rule.summary(), message, path, region,
                rule.remediation(), null, null, null, null, Map.of());
    }

    public int line() {
        return region.startLine();
    }

    /**
     * Whether this is a coverage notice (category {@code parse}: SQL090/091, SEC090/091, RES090, ...): it describes what
     * lastmile could not analyse, not a problem in the code, so summaries count it on one line per check and it never
     * fails a run, whatever its severity; JSON and SARIF keep each notice (they are the list).
     */
    public boolean isCoverageNotice() {
        return category == Category.PARSE;
    }

    public int endLine() {
        return region.endLine();
    }

    public Finding withSeverity(Severity s) {
        return new Finding(ruleId, category, s, title, message, path, region, remediation, check, status, fingerprint,
                fingerprintKey, properties);
    }

    public Finding withCheck(String c) {
        return new Finding(ruleId, category, severity, title, message, path, region, remediation, c, status, fingerprint,
                fingerprintKey, properties);
    }

    public Finding withStatus(FindingStatus s) {
        return new Finding(ruleId, category, severity, title, message, path, region, remediation, check, s, fingerprint,
                fingerprintKey, properties);
    }

    public Finding withFingerprint(String f) {
        return new Finding(ruleId, category, severity, title, message, path, region, remediation, check, status, f,
                fingerprintKey, properties);
    }

    public Finding withFingerprintKey(String k) {
        return new Finding(ruleId, category, severity, title, message, path, region, remediation, check, status,
                fingerprint, k, properties);
    }

    public Finding withRemediation(String r) {
        return new Finding(ruleId, category, severity, title, message, path, region, r, check, status, fingerprint,
                fingerprintKey, properties);
    }

    public Finding withMessage(String m) {
        return new Finding(ruleId, category, severity, title, m, path, region, remediation, check, status, fingerprint,
                fingerprintKey, properties);
    }

    public Finding withProperty(String key, String value) {
        Map<String, String> p = new LinkedHashMap<>(properties);
        p.put(key, value);
        return new Finding(ruleId, category, severity, title, message, path, region, remediation, check, status,
                fingerprint, fingerprintKey, p);
    }

    /** The property holding who wrote the finding's lines ({@link dev.lastmile.core.provenance.AuthoredBy#id()}). */
    public static final String AUTHORED_BY = "authoredBy";
    /** The property holding the stricter threshold the policy's {@code provenance.ai} sets for this finding. */
    public static final String AI_FAIL_ON = "aiFailOn";
    /** The property saying which {@code provenance.ai} rule set that threshold. */
    public static final String AI_GATE = "aiGate";

    /** Who wrote the lines the finding sits on; {@code unknown} until the engine attributes them. */
    public dev.lastmile.core.provenance.AuthoredBy authoredBy() {
        String v = properties.get(AUTHORED_BY);
        if (v == null) {
            return dev.lastmile.core.provenance.AuthoredBy.UNKNOWN;
        }
        try {
            return dev.lastmile.core.provenance.AuthoredBy.valueOf(v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return dev.lastmile.core.provenance.AuthoredBy.UNKNOWN;
        }
    }

    public Finding withAuthoredBy(dev.lastmile.core.provenance.AuthoredBy who) {
        return withProperty(AUTHORED_BY, who.id());
    }

    /** The stricter threshold {@code provenance.ai} set for this finding (its lines are AI-authored), if any. */
    public java.util.Optional<Severity> aiFailOn() {
        String v = properties.get(AI_FAIL_ON);
        if (v == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Severity.parse(v));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The threshold this finding is judged by: {@code threshold}, or the stricter AI one when it has one. */
    public Severity failOn(Severity threshold) {
        return aiFailOn().filter(s -> s.compareTo(threshold) < 0).orElse(threshold);
    }
}
