package dev.lastmile.check.dependencies.extract.pypi.pipfilelock;

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

/** {@code Pipfile.lock}: the {@code default} and {@code develop} sections, versions written {@code ==x}. */
public final class PipfileLockExtractor implements Extractor {

    @Override
    public String name() {
        return "python/pipfilelock";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.fileName(path).equals("Pipfile.lock");
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
        for (String section : List.of("default", "develop")) {
            int from = lines.find("\"" + section + "\"");
            int cursor = from;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path(section).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String version = Toml.text(e.getValue(), "version");
                if (version != null && version.startsWith("==")) {
                    version = version.substring(2);
                }
                String source = Toml.text(e.getValue(), "git") != null ? "git+" + Toml.text(e.getValue(), "git")
                        : Toml.text(e.getValue(), "path");
                int line = lines.findNext("\"" + e.getKey() + "\"", cursor, from);
                cursor = line;
                out.add(new Package(Ecosystem.PYPI, e.getKey(), version, null, line, false,
                        section.equals("develop"), source));
            }
        }
        return Extraction.of(out);
    }
}
