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
}
