package dev.lastmile.check.dependencies.extract.pypi.uvlock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.extract.Toml;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code uv.lock}: every {@code [[package]]}; the project itself ({@code source = {editable = "."}} or
 * {@code virtual}) is left out, git and path sources are kept with their source.
 */
public final class UvLockExtractor implements Extractor {

    @Override
    public String name() {
        return "python/uvlock";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.fileName(path).equals("uv.lock");
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
            if (src.has("editable") || src.has("virtual")) {
                continue; // the project being locked
            }
            String source = null;
            for (String key : List.of("git", "path", "directory", "url")) {
                if (Toml.text(src, key) != null) {
                    source = key + "+" + Toml.text(src, key);
                }
            }
            out.add(new Package(Ecosystem.PYPI, locked.name(), Toml.text(p, "version"), null, locked.line(), false, false, source));
        }
        return Extraction.of(out);
    }
}
