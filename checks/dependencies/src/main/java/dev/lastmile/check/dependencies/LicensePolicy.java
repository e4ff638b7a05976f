package dev.lastmile.check.dependencies;

import dev.lastmile.check.dependencies.model.Package;
import dev.lastmile.check.dependencies.spdx.LicenseCategory;
import dev.lastmile.check.dependencies.spdx.LicenseJudge;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyNode;
import dev.lastmile.core.util.Globs;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code licenses:} section of {@code .lastmile.yml}, parsed and validated:
 * <pre>
 * licenses:
 *   deny: [forbidden, "SSPL-*"]           # categories or license id globs
 *   review: [restricted]
 *   allow: [notice, unencumbered, reciprocal]
 *   ignore_packages: ["pypi/internal-*"]  # ecosystem/name globs never judged
 *   dev_dependencies: true                # also judge test and dev dependencies
 *   vulnerabilities:
 *     min_severity: low                   # report advisories at or above
 *     ignore: [GHSA-xxxx-xxxx-xxxx]       # advisory ids or aliases accepted as not applicable
 *   depsdev_url: https://deps.example.com # a mirror of api.deps.dev
 *   osv_url: https://osv.example.com      # a mirror of api.osv.dev
 *   cache_ttl_hours: 12                   # how long vulnerability answers stay fresh
 * </pre>
 */
public record LicensePolicy(LicenseJudge judge, List<Pattern> ignorePackages, boolean devDependencies,
                            Severity minVulnerabilitySeverity, Set<String> ignoredAdvisories, Optional<URI> depsDevUrl,
                            Optional<URI> osvUrl, Duration vulnerabilityTtl) {

    static final Set<String> KEYS = Set.of("deny", "review", "allow", "ignore_packages", "dev_dependencies",
            "vulnerabilities", "depsdev_url", "osv_url", "cache_ttl_hours");
    static final Set<String> VULN_KEYS = Set.of("min_severity", "ignore");
    private static final Pattern LICENSE_GLOB = Pattern.compile("[A-Za-z0-9.+*?:-]+( WITH [A-Za-z0-9.*?-]+)?");

    public static LicensePolicy defaults() {
        return new LicensePolicy(LicenseJudge.defaults(), List.of(), true, Severity.LOW, Set.of(), Optional.empty(),
                Optional.empty(), Duration.ofHours(12));
    }

    /** Reads and validates the section; every error names the file, line and key. */
    public static LicensePolicy from(Policy policy) throws PolicyException {
        PolicyNode s = policy.section("licenses");
        if (!s.isPresent()) {
            return defaults();
        }
        s.requireOnly(KEYS);
        List<String> deny = licenseList(s.get("deny"), LicenseJudge.DEFAULT_DENY);
        List<String> review = licenseList(s.get("review"), LicenseJudge.DEFAULT_REVIEW);
        List<String> allow = licenseList(s.get("allow"), LicenseJudge.DEFAULT_ALLOW);
        List<Pattern> ignore = new ArrayList<>();
        for (PolicyNode n : s.get("ignore_packages").elements()) {
            String glob = n.asString().strip();
            if (glob.isEmpty()) {
                throw n.error("an empty package glob would match nothing");
            }
            ignore.add(Globs.compile("/" + glob.toLowerCase(Locale.ROOT)));
        }
        boolean dev = s.get("dev_dependencies").asBoolean(true);
        PolicyNode v = s.get("vulnerabilities");
        if (v.isPresent()) {
            v.requireOnly(VULN_KEYS);
        }
        Severity min = v.get("min_severity").asSeverity(Severity.LOW);
        Set<String> ignored = Set.copyOf(v.get("ignore").asStringList().stream().map(String::strip).toList());
        int ttl = s.get("cache_ttl_hours").asInt(12, 0, 24 * 30);
        return new LicensePolicy(new LicenseJudge(deny, review, allow), List.copyOf(ignore), dev, min, ignored,
                url(s.get("depsdev_url")), url(s.get("osv_url")), Duration.ofHours(ttl));
    }

    /** True when the policy asks never to judge this package ({@code pypi/name} or {@code name} globs). */
    public boolean ignores(Package p) {
        String name = p.name().toLowerCase(Locale.ROOT);
        String qualified = p.ecosystem().purlType() + "/" + name;
        for (Pattern g : ignorePackages) {
            if (g.matcher(qualified).matches() || g.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> licenseList(PolicyNode n, List<String> defaults) {
        if (!n.isPresent()) {
            return defaults;
        }
        List<String> out = new ArrayList<>();
        for (PolicyNode e : n.elements()) {
            String entry = e.asString().strip();
            if (LicenseCategory.byId(entry.toLowerCase(Locale.ROOT)) == null && !LICENSE_GLOB.matcher(entry).matches()) {
                throw e.error("'" + entry + "' is neither a license category (forbidden, restricted, reciprocal, "
                        + "notice, unencumbered, unknown) nor an SPDX license id or glob");
            }
            out.add(entry);
        }
        return out;
    }

    private static Optional<URI> url(PolicyNode n) {
        if (!n.isPresent()) {
            return Optional.empty();
        }
        String s = n.asString().strip();
        try {
            URI u = URI.create(s.replaceAll("/+$", ""));
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                throw n.error("expected an http(s) URL, found '" + s + "'");
            }
            return Optional.of(u);
        } catch (IllegalArgumentException e) {
            throw n.error("expected an http(s) URL, found '" + s + "'");
        }
    }
}
