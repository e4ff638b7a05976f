package dev.lastmile.check.dependencies.extract.npm.pnpmlock;

import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.extract.Yaml;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code pnpm-lock.yaml}: the keys of {@code packages}, in each lockfile generation's spelling: {@code /name/1.2.3}
 * (v5), {@code /name@1.2.3} (v6), {@code name@1.2.3} (v9), each possibly followed by a peer suffix
 * ({@code (react@18.2.0)} or {@code _react@18.2.0}).
 */
public final class PnpmLockExtractor implements Extractor {

    @Override
    public String name() {
        return "javascript/pnpmlock";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.fileName(path).equals("pnpm-lock.yaml") && !path.contains("node_modules/");
    }

    @Override
    public boolean isLockfile() {
        return true;
    }

    @Override
    public Extraction extract(String path, String text) throws MalformedManifestException {
        Node root = Yaml.compose(text, "pnpm-lock.yaml");
        if (!(root instanceof MappingNode)) {
            throw new MalformedManifestException(Yaml.line(root), "pnpm-lock.yaml must be a mapping");
        }
        List<Package> out = new ArrayList<>();
        Node packages = Yaml.entries(root).get("packages");
        Map<String, Integer> keyLines = Yaml.keyLines(packages);
        for (Map.Entry<String, Node> e : Yaml.entries(packages).entrySet()) {
            Package p = fromKey(e.getKey(), keyLines.get(e.getKey()),
                    "true".equals(Yaml.scalar(Yaml.entries(e.getValue()).get("dev"))));
            if (p != null) {
                out.add(p);
            }
        }
        return Extraction.of(out);
    }

    static Package fromKey(String rawKey, int line, boolean dev) {
        String key = rawKey.startsWith("/") ? rawKey.substring(1) : rawKey;
        int paren = key.indexOf('(');
        if (paren > 0) {
            key = key.substring(0, paren);
        }
        int at = key.lastIndexOf('@');
        String name;
        String version;
        if (at > 0) {
            name = key.substring(0, at);
            version = key.substring(at + 1);
        } else {
            int slash = key.lastIndexOf('/');
            if (slash <= 0) {
                return null;
            }
            name = key.substring(0, slash);
            version = key.substring(slash + 1);
        }
        int underscore = version.indexOf('_');
        if (underscore > 0) {
            version = version.substring(0, underscore); // v5 peer suffix
        }
        if (version.isEmpty() || !Character.isDigit(version.charAt(0))) {
            return new Package(Ecosystem.NPM, name, null, null, line, false, dev, version);
        }
        return new Package(Ecosystem.NPM, name, version, null, line, false, dev, null);
    }
}
