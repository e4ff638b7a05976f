package dev.lastmile.check.dependencies.extract;

import dev.lastmile.check.dependencies.model.MalformedManifestException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Arbitrary text never makes an extractor throw anything but {@link MalformedManifestException}, nor hang. */
class ExtractorProperties {

    private static final List<String> NAMES = List.of("requirements.txt", "pyproject.toml", "poetry.lock",
            "Pipfile.lock", "uv.lock", "package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "pom.xml",
            "gradle.lockfile", "go.mod", "packages.yml");

    @Property(tries = 300)
    void arbitraryTextNeverEscapes(@ForAll("manifestish") String text) {
        for (Extractor e : Extractors.all()) {
            String path = NAMES.stream().filter(e::fileRequired).findFirst().orElseThrow();
            try {
                e.extract(path, text);
            } catch (MalformedManifestException expected) {
                // the one permitted outcome for bad input
            }
        }
    }

    @Property(tries = 100)
    void arbitraryUnicodeNeverEscapes(@ForAll @StringLength(max = 400) String text) {
        arbitraryTextNeverEscapes(text);
    }

    @Property(tries = 200)
    void extractorsAreSelectedByFileNameOnly(@ForAll @StringLength(max = 60) String name) {
        for (Extractor e : Extractors.all()) {
            e.fileRequired(name); // cheap and total: never throws
        }
    }

    /** Fragments of every format glued at random: more likely to reach deep parser states than plain noise. */
    @Provide
    Arbitrary<String> manifestish() {
        Arbitrary<String> pieces = Arbitraries.of("requests==2.32.3", ">=", "[[package]]", "name = \"x\"",
                "version = \"1\"", "{", "}", "[", "]", "\"dependencies\": {", "\"a\": \"^1\"", ":", ",", "\n", "  ",
                "\\\n", "-r base.txt", "<project>", "</project>", "<dependency>", "<version>${x}</version>",
                "require (", ")", "// indirect", "packages:", "- package: a/b", "  version: [\">=1\"]", "&a", "*a",
                "@", "#", ";", "--hash=sha256:0", "node_modules/", "/lodash@4.17.21:", "replace a => b", "=",
                "\u0000", "\uFEFF", "é", "'''", "\"\"\"", "!!python/object", "<!DOCTYPE x [<!ENTITY e \"e\">]>");
        return pieces.list().ofMaxSize(60).map(l -> String.join("", l));
    }
}
