package dev.lastmile.check.dependencies.rules;

import dev.lastmile.check.dependencies.LicensePolicy;
import dev.lastmile.check.dependencies.client.Advisory;
import dev.lastmile.check.dependencies.version.Versions;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the four known-vulnerability rules share. A package gets one finding, under the rule of its most severe
 * advisory, naming every advisory and the one version that fixes them all: the version to move to.
 *
 * <p>Why four rules and not one: the scan engine gives every finding its rule's severity, so a per-advisory CVSS
 * rating can only survive as the rule it is reported under (which also lets a policy tune each band).
 */
final class VulnerableDependency {

    private VulnerableDependency() {
    }

    /** The rule of one severity band: {@code dependencies.vulnerability.<band>}, the same rationale and remediation. */
    static RuleMeta meta(String id, Severity band) {
        String word = band.name().toLowerCase(java.util.Locale.ROOT);
        return new RuleMeta(id, "dependencies.vulnerability." + word, dev.lastmile.core.model.Category.VULNERABILITY, band,
                "Dependency version with a known " + word + "-severity vulnerability",
                "The version brought in is named by a published advisory (OSV: GitHub, PyPA, Go, ... databases). Known "
                        + "vulnerabilities are what attackers scan for first; a data pipeline holding credentials and "
                        + "customer data is worth attacking.",
                "Upgrade to the fixed version the finding names (or later); if the vulnerable code path is not used, "
                        + "add the advisory id to `licenses.vulnerabilities.ignore` with a comment saying why.");
    }

    /** The advisories the policy wants reported, most severe first. */
    static List<Advisory> relevant(Judged d, LicensePolicy policy) {
        if (d.advisories() == null) {
            return List.of();
        }
        List<Advisory> out = new ArrayList<>();
        for (Advisory a : d.advisories()) {
            boolean ignored = policy.ignoredAdvisories().contains(a.id())
                    || a.aliases().stream().anyMatch(policy.ignoredAdvisories()::contains);
            if (!ignored && a.severity().compareTo(policy.minVulnerabilitySeverity()) >= 0) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(Advisory::severity).reversed().thenComparing(Advisory::id));
        // one problem is often published by several databases (GHSA-..., PYSEC-..., both aliasing one CVE): keep
        // the first, most severe record of each
        List<Advisory> distinct = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Advisory a : out) {
            java.util.Set<String> names = new java.util.HashSet<>(a.aliases());
            names.add(a.id());
            if (names.stream().noneMatch(seen::contains)) {
                distinct.add(a);
            }
            seen.addAll(names);
        }
        return distinct;
    }

    static Optional<Finding> judge(RuleMeta meta, Judged d, LicensePolicy policy) {
        Severity band = meta.severity();
        List<Advisory> advisories = relevant(d, policy);
        if (advisories.isEmpty() || advisories.get(0).severity() != band) {
            return Optional.empty();
        }
        StringBuilder msg = new StringBuilder(d.display()).append(" has ")
                .append(advisories.size() == 1 ? "a known vulnerability: " : advisories.size() + " known vulnerabilities: ");
        List<String> parts = new ArrayList<>();
        String fixAll = null;
        boolean someUnfixed = false;
        for (Advisory a : advisories.subList(0, Math.min(5, advisories.size()))) {
            Optional<String> fix = a.fixedVersionFor(d.pkg(), d.version());
            String part = a.displayId() + " [" + a.severity().name().toLowerCase(java.util.Locale.ROOT) + ", "
                    + a.severityNote() + "]" + (a.summary().isBlank() ? "" : " " + a.summary())
                    + fix.map(f -> " (fixed in " + f + ")").orElse(" (no fixed version published)");
            parts.add(part);
        }
        for (Advisory a : advisories) {
            Optional<String> fix = a.fixedVersionFor(d.pkg(), d.version());
            if (fix.isEmpty()) {
                someUnfixed = true;
            } else if (fixAll == null || Versions.compare(fix.get(), fixAll) > 0) {
                fixAll = fix.get();
            }
        }
        msg.append(String.join("; ", parts));
        if (advisories.size() > 5) {
            msg.append("; and ").append(advisories.size() - 5).append(" more");
        }
        msg.append(". ");
        String advice;
        if (fixAll != null && !someUnfixed) {
            advice = "Upgrade " + d.pkg().name() + " to " + fixAll + " or later.";
        } else if (fixAll != null) {
            advice = "Upgrade " + d.pkg().name() + " to at least " + fixAll
                    + "; some advisories have no fix yet, so also consider a replacement.";
        } else {
            advice = "No fixed version is published: replace the package or accept the risk with a suppression "
                    + "and a reason.";
        }
        msg.append(advice);
        Finding f = Finding.of(meta, d.path(), Region.line(d.pkg().line()), msg.toString())
                .withRemediation(advice)
                .withProperty("purl", d.purl())
                .withProperty("advisories", String.join(",", advisories.stream().map(Advisory::id).toList()))
                .withFingerprintKey(d.identity() + "|vulnerable");
        if (fixAll != null) {
            f = f.withProperty("fixedVersion", fixAll);
        }
        return Optional.of(f);
    }
}
