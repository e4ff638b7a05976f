package dev.lastmile.check.dependencies.extract.npm.packagelockjson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.extract.TextLines;
import dev.lastmile.check.dependencies.extract.Toml;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code package-lock.json} (and {@code npm-shrinkwrap.json}): lockfile versions 2 and 3 through their
 * {@code packages} map keyed by install path; version 1 through its nested {@code dependencies} tree.
 */
public final class PackageLockJsonExtractor implements Extractor {

    @Override
    public String name() {
        return "javascript/packagelockjson";
    }

    @Override
    public boolean fileRequired(String path) {
        String f = Extractor.fileName(path);
        return (f.equals("package-lock.json") || f.equals("npm-shrinkwrap.json")) && !path.contains("node_modules/");
    }

    @Override
    public boolean isLockfile() {
        return true;
    }

    @Override
    public Extraction extract(String path, String text) throws MalformedManifestException {
        JsonNode root = Toml.parseJson(text, "JSON");
        TextLines lines = new TextLines(text);
        List<Package> out = new ArrayList<>();
        JsonNode packages = root.path("packages");
        if (packages.isObject()) {
            Set<String> direct = new HashSet<>();
            JsonNode project = packages.path("");
            for (String s : List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")) {
                project.path(s).fieldNames().forEachRemaining(direct::add);
            }
            int cursor = 1;
            for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                int nm = key.lastIndexOf("node_modules/");
                if (nm < 0) {
                    continue; // the project itself and workspace folders
                }
                JsonNode p = e.getValue();
                String name = Toml.text(p, "name") != null ? Toml.text(p, "name") : key.substring(nm + "node_modules/".length());
                boolean link = p.path("link").asBoolean(false);
                String resolved = Toml.text(p, "resolved");
                String source = link ? "link:" + resolved
                        : resolved != null && !resolved.startsWith("http") ? resolved : null;
                if (resolved != null && resolved.startsWith("git")) {
                    source = resolved;
                }
                int line = lines.findNext("\"" + key + "\"", cursor, 1);
                cursor = line;
                boolean isDirect = key.equals("node_modules/" + name) && direct.contains(name);
                boolean dev = p.path("dev").asBoolean(false) || p.path("devOptional").asBoolean(false);
                out.add(new Package(Ecosystem.NPM, name, Toml.text(p, "version"), null, line, isDirect, dev, source));
            }
            return Extraction.of(out);
        }
        walkV1(root.path("dependencies"), lines, out, true, new int[] {1});
        return Extraction.of(out);
    }

    private static void walkV1(JsonNode deps, TextLines lines, List<Package> out, boolean topLevel, int[] cursor) {
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            String version = Toml.text(p, "version");
            String source = null;
            if (version != null && !Character.isDigit(version.charAt(0))) {
                source = version;
                version = null;
            }
            int line = lines.findNext("\"" + e.getKey() + "\": {", cursor[0], 1);
            cursor[0] = line;
            out.add(new Package(Ecosystem.NPM, e.getKey(), version, null, line, topLevel,
                    p.path("dev").asBoolean(false), source));
            walkV1(p.path("dependencies"), lines, out, false, cursor);
        }
    }
}
