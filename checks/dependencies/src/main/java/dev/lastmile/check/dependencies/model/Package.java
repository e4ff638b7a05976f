package dev.lastmile.check.dependencies.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * One dependency declared by a manifest or lockfile.
 *
 * @param ecosystem  where the package comes from
 * @param name       the package name as the registry spells it ({@code org.slf4j:slf4j-api} for Maven,
 *                   {@code @scope/name} for npm, the repository for a dbt git package)
 * @param version    the exact version when pinned or locked, else null
 * @param constraint the version constraint as written ({@code >=2,<3}, {@code ^1.2}), or null when pinned
 * @param line       1-based line of the declaration in its file
 * @param direct     declared by the project itself (not a transitive entry of a lockfile)
 * @param dev        a development-only dependency (test, lint, dev group)
 * @param source     where it is fetched from when not the registry ({@code git+https://...}, a path), else null
 */
public record Package(Ecosystem ecosystem, String name, String version, String constraint, int line, boolean direct,
                      boolean dev, String source) {

    public Package {
        Objects.requireNonNull(ecosystem, "ecosystem");
        Objects.requireNonNull(name, "name");
        line = Math.max(1, line);
        version = blankToNull(version);
        constraint = blankToNull(constraint);
        source = blankToNull(source);
    }

    /** A registry package pinned to {@code version}. */
    public static Package pinned(Ecosystem ecosystem, String name, String version, int line, boolean direct,
                                 boolean dev) {
        return new Package(ecosystem, name, version, null, line, direct, dev, null);
    }

    /** True when the version is exact, so the answer of the services applies to exactly what gets installed. */
    public boolean isPinned() {
        return version != null;
    }

    /** True when fetched from a registry (not a git URL or a local path). */
    public boolean fromRegistry() {
        return source == null;
    }

    /** The name as the ecosystem compares it: PyPI names are case- and separator-insensitive (PEP 503). */
    public String normalizedName() {
        return normalizeName(ecosystem, name);
    }

    public static String normalizeName(Ecosystem ecosystem, String name) {
        if (ecosystem == Ecosystem.PYPI) {
            return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        }
        return ecosystem == Ecosystem.DBT ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** {@code pkg:pypi/requests@2.19.1}, per the package-URL specification (namespace split for npm and Maven). */
    public String purl() {
        String type = ecosystem.purlType();
        String path;
        if (ecosystem == Ecosystem.MAVEN && name.contains(":")) {
            path = enc(name.substring(0, name.indexOf(':'))) + "/" + enc(name.substring(name.indexOf(':') + 1));
        } else if (ecosystem == Ecosystem.NPM && name.startsWith("@") && name.contains("/")) {
            path = enc(name.substring(0, name.indexOf('/'))) + "/" + enc(name.substring(name.indexOf('/') + 1));
        } else if (ecosystem == Ecosystem.GO || ecosystem == Ecosystem.DBT) {
            path = name;
        } else {
            path = enc(ecosystem == Ecosystem.PYPI ? normalizedName() : name);
        }
        return "pkg:" + type + "/" + path + (version != null ? "@" + enc(version) : "");
    }

    /** {@code requests 2.19.1} or {@code requests >=2}: how messages name it. */
    public String display() {
        if (version != null) {
            return name + " " + version;
        }
        return constraint != null ? name + " " + constraint : name + " (any version)";
    }

    public Package withVersion(String resolved) {
        return new Package(ecosystem, name, resolved, constraint, line, direct, dev, source);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "%40");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
