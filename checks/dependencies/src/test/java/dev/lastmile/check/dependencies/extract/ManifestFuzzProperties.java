package dev.lastmile.check.dependencies.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.core.testing.Adversarial;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every manifest format fed adversarial text built from its own syntax (issue 14): deep nesting, megabyte lines,
 * invalid UTF-8 as lastmile reads it, unclosed strings and tables. Each extractor returns an extraction or throws
 * {@link MalformedManifestException} (which becomes DEP005), within a hang-detecting bound, never anything else.
 */
class ManifestFuzzProperties {

    private static final Duration BOUND = Duration.ofSeconds(60); // a hang detector: hangs take hours; loaded CI takes seconds

    /** A format: a file name its extractor claims and pieces of its syntax. */
    record Format(String file, List<String> pieces) {
    }

    private static final List<Format> FORMATS = List.of(
            new Format("requirements.txt", List.of("requests==2.32.3", ">=1,<2", "-r base.txt", "-c c.txt", "-e .",
                    "git+https://github.com/a/b@v1#egg=b", "[extra]", "; python_version<'3'", "--hash=sha256:0", " \\\n",
                    "#", "\n")),
            new Format("pyproject.toml", List.of("[project]\n", "dependencies = [", "\"a>=1\",", "]", "[tool.poetry.dependencies]\n",
                    "a = \"^1\"\n", "b = { version = \"1\", extras = [\"x\"] }\n", "[[tool.x]]\n", "'''", "\"\"\"", "= ",
                    "{", "}", "[", "]", "\\u00e9", "\\", "inf", "1979-05-27T07:32:00Z", "a.b.c = 1\n")),
            new Format("poetry.lock", List.of("[[package]]\n", "name = \"a\"\n", "version = \"1.0\"\n", "[package.dependencies]\n",
                    "b = \">=1\"\n", "[metadata]\n", "files = [\n", "{file = \"a.whl\", hash = \"sha256:0\"},\n", "]\n", "\"\"\"", "[")),
            new Format("Pipfile.lock", List.of("{\"default\": {", "\"a\": {\"version\": \"==1.0\"}", ",", "}", "{", "[", "]",
                    "\"develop\":", "\"hashes\": [\"sha256:0\"]", "\"", "\\u0000", "1e999")),
            new Format("uv.lock", List.of("version = 1\n", "[[package]]\n", "name = \"a\"\n", "version = \"1\"\n",
                    "source = { registry = \"https://pypi.org/simple\" }\n", "dependencies = [\n", "{ name = \"b\" },\n", "]\n",
                    "[package.optional-dependencies]\n", "\"\"\"", "{", "[")),
            new Format("package.json", List.of("{\"dependencies\": {", "\"a\": \"^1.0.0\"", ",", "}", "\"devDependencies\":",
                    "\"b\": \"git+https://u:t@github.com/a/b.git\"", "\"c\": \"file:../c\"", "\"workspaces\": [", "]", "{", "[",
                    "\"", "\\")),
            new Format("package-lock.json", List.of("{\"lockfileVersion\": 3, \"packages\": {", "\"node_modules/a\": {",
                    "\"version\": \"1.0.0\"", "\"resolved\": \"https://r/a.tgz\"", "\"dependencies\": {", "}", ",", "{", "[", "\"")),
            new Format("yarn.lock", List.of("# yarn lockfile v1\n", "a@^1:\n", "  version \"1.0.0\"\n", "\"@s/a@npm:1\", a@1:\n",
                    "  dependencies:\n", "    b \"^2\"\n", "__metadata:\n", ",:", "\"", "  ", "\n", ":")),
            new Format("pnpm-lock.yaml", List.of("lockfileVersion: '9.0'\n", "packages:\n", "  /a@1.0.0:\n", "    resolution: {integrity: x}\n",
                    "importers:\n", "  .:\n", "    dependencies:\n", "      a:\n", "        specifier: ^1\n", "        version: 1.0.0\n",
                    "&a ", "*a", "<<: *a\n", "{", "[", "'", "\"")),
            new Format("pom.xml", List.of("<project>", "</project>", "<dependencies>", "<dependency>", "<groupId>g</groupId>",
                    "<artifactId>a</artifactId>", "<version>${v}</version>", "</dependency>", "<properties><v>1</v></properties>",
                    "<!DOCTYPE x [<!ENTITY e \"e\">]>", "<!ENTITY x SYSTEM \"file:///etc/passwd\">", "&e;", "&x;", "<![CDATA[",
                    "]]>", "<!--", "-->", "<", ">", "<parent>", "</parent>")),
            new Format("gradle.lockfile", List.of("# comment\n", "g:a:1.0=compileClasspath,runtimeClasspath\n", "empty=\n",
                    ":", "=", ",", "g:a:", "\n")),
            new Format("go.mod", List.of("module x\n", "go 1.22\n", "require (\n", "\tgithub.com/a/b v1.2.3 // indirect\n",
                    ")\n", "replace a => b v1\n", "exclude a v1\n", "retract [v1, v2]\n", "\"", "`", "(", ")", "//")),
            new Format("packages.yml", List.of("packages:\n", "  - package: dbt-labs/dbt_utils\n", "    version: [\">=1.0.0\", \"<2.0.0\"]\n",
                    "  - git: \"https://u:t@github.com/a/b.git\"\n", "    revision: main\n", "  - local: ../x\n", "&a ", "*a", "{", "[")));

    record Case(Format format, String text) {
        @Override
        public String toString() {
            return format.file() + ": " + Adversarial.describe(text);
        }
    }

    @Provide
    Arbitrary<Case> manifests() {
        return Arbitraries.of(FORMATS).flatMap(f -> Adversarial.text(f.pieces()).map(t -> new Case(f, t)));
    }

    @Property(tries = 150)
    void everyFormatEndsInAnExtractionOrAMalformedManifest(@ForAll("manifests") Case c) {
        Extractor extractor = Extractors.forPath(c.format().file()).orElseThrow();
        Extraction x = Adversarial.bounded(BOUND, extractor.getClass().getSimpleName(), c.text(),
                Set.of(MalformedManifestException.class), () -> extractor.extract(c.format().file(), c.text()));
        if (x != null) {
            assertThat(x.packages()).allSatisfy(p -> assertThat(p.name()).isNotNull());
        }
    }

    @net.jqwik.api.Example
    void everyExtractorIsFuzzed() {
        // the list above names a file of every format Extractors knows: a new format cannot go unfuzzed
        for (Extractor e : Extractors.all()) {
            assertThat(FORMATS).as(e.getClass().getSimpleName()).anyMatch(f -> e.fileRequired(f.file()));
        }
    }
}
