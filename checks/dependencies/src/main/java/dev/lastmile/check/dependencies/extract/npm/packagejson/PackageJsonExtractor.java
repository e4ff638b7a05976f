package dev.lastmile.check.dependencies.extract.npm.packagejson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.extract.TextLines;
import dev.lastmile.check.dependencies.extract.Toml;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code package.json}: {@code dependencies}, {@code optionalDependencies}, {@code peerDependencies} and
 * {@code devDependencies}. An exact semver ({@code 1.2.3}) is pinned; ranges, tags and {@code npm:} aliases are
 * constraints; git, file, link and workspace specifiers are non-registry sources.
 */
public final class PackageJsonExtractor implements Extractor {

    private static final List<String> SECTIONS = List.of("dependencies", "optionalDependencies", "peerDependencies",
            "devDependencies");

    @Override
    public String name() {
        return "javascript/packagejson";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.fileName(path).equals("package.json") && !path.contains("node_modules/");
    }

    @Override
    public Extraction extract(String path, String text) throws MalformedManifestException {
        JsonNode root = Toml.parseJson(text, "JSON");
        TextLines lines = new TextLines(text);
        List<Package> out = new ArrayList<>();
        for (String section : SECTIONS) {
            int from = lines.find("\"" + section + "\"", 1, 1);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path(section).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int line = lines.find("\"" + e.getKey() + "\"", from, from);
                out.add(npmPackage(e.getKey(), e.getValue().asText(""), line, true, section.equals("devDependencies")));
            }
        }
        return Extraction.of(out);
    }

    /** One npm specifier: exact version, range, alias or non-registry source. */
    public static Package npmPackage(String name, String spec, int line, boolean direct, boolean dev) {
        String s = spec.strip();
        if (s.startsWith("npm:")) {
            // "alias": "npm:real-name@^1.0.0" installs real-name
            String target = s.substring(4);
            int at = target.lastIndexOf('@');
            if (at > 0) {
                name = target.substring(0, at);
                s = target.substring(at + 1);
            } else {
                name = target;
                s = "";
            }
        }
        if (s.matches("(?i)(git|git\\+[a-z]+|github|gitlab|bitbucket|gist|https?|file|link|workspace|portal|patch)[:+].*")
                || s.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(#.*)?") || s.startsWith(".") || s.startsWith("/")) {
            return new Package(Ecosystem.NPM, name, null, null, line, direct, dev, s);
        }
        String v = s.startsWith("=") ? s.substring(1).strip() : s;
        if (v.startsWith("v") && v.length() > 1 && Character.isDigit(v.charAt(1))) {
            v = v.substring(1);
        }
        if (v.matches("[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?")) {
            return new Package(Ecosystem.NPM, name, v, null, line, direct, dev, null);
        }
        return new Package(Ecosystem.NPM, name, null, s.isEmpty() || s.equals("*") ? null : s, line, direct, dev, null);
    }
}
