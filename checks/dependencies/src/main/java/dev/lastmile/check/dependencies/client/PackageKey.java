package dev.lastmile.check.dependencies.client;

import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.Package;

/** One package version to look up, its name in the services' spelling (PyPI names normalised, PEP 503). */
public record PackageKey(Ecosystem ecosystem, String name, String version) {

    public static PackageKey of(Package p, String version) {
        return new PackageKey(p.ecosystem(), p.ecosystem() == Ecosystem.PYPI ? p.normalizedName() : p.name(), version);
    }

    /** OSV wants Go versions without the leading {@code v}. */
    public String osvVersion() {
        return ecosystem == Ecosystem.GO && version.startsWith("v") ? version.substring(1) : version;
    }

    @Override
    public String toString() {
        return ecosystem.purlType() + "/" + name + "@" + version;
    }
}
