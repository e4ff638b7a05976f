package dev.lastmile.check.dependencies.extract.pypi.poetrylock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.extract.Toml;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import java.util.ArrayList;
import java.util.List;

/** {@code poetry.lock}: every {@code [[package]]} with its exact version, group and source. */
public final class PoetryLockExtractor implements Extractor {

    @Override
    public String name() {
        return "python/poetrylock";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.fileName(path).equals("poetry.lock");
    }

    @Override
    public boolean isLockfile() {
        return true;
    }

    @Override
    public Extraction extract(String path, String text) throws MalformedManifestException {
        List<Package> out = new ArrayList<>();
        for (Toml.LockedPackage locked : Toml.lockedPackages(text)) {
            JsonNode p = locked.node();
            JsonNode src = p.path("source");
            String type = Toml.text(src, "type");
            String source = type == null || type.equals("legacy") ? null : type + "+" + Toml.text(src, "url");
            // Poetry 1.x wrote category = "dev"; 2.x writes groups = ["dev"]
            boolean dev = "dev".equals(Toml.text(p, "category"));
            if (p.path("groups").isArray() && !p.path("groups").isEmpty()) {
                dev = true;
                for (JsonNode g : p.path("groups")) {
                    if (g.asText().equals("main")) {
                        dev = false;
                    }
                }
            }
            out.add(new Package(Ecosystem.PYPI, locked.name(), Toml.text(p, "version"), null, locked.line(), false, dev, source));
        }
        return Extraction.of(out);
    }
}
