package dev.lastmile.check.dependencies.model;

import java.util.Optional;

/**
 * A package ecosystem and its spelling in each service: OSV's ecosystem names are case-sensitive
 * ({@code PyPI}, {@code npm}), deps.dev's systems are upper case, package URLs use their own types.
 * dbt Hub is known to neither service; dbt packages are looked up as their source repositories.
 */
public enum Ecosystem {
    PYPI("PyPI", "PYPI", "pypi"),
    NPM("npm", "NPM", "npm"),
    MAVEN("Maven", "MAVEN", "maven"),
    GO("Go", "GO", "golang"),
    DBT(null, null, "dbt");

    private final String osv;
    private final String depsDev;
    private final String purlType;

    Ecosystem(String osv, String depsDev, String purlType) {
        this.osv = osv;
        this.depsDev = depsDev;
        this.purlType = purlType;
    }

    /** OSV's ecosystem name, or empty when OSV has no such ecosystem. */
    public Optional<String> osvName() {
        return Optional.ofNullable(osv);
    }

    /** deps.dev's system name, or empty when deps.dev has no such system. */
    public Optional<String> depsDevSystem() {
        return Optional.ofNullable(depsDev);
    }

    public String purlType() {
        return purlType;
    }
}
