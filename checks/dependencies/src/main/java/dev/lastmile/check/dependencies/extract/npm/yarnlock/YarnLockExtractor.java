package dev.lastmile.check.dependencies.extract.npm.yarnlock;

import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code yarn.lock}, classic (v1: {@code version "1.2.3"}) and Berry (v2+, YAML: {@code version: 1.2.3}), read line
 * by line: an unindented header names one or more specifiers of a package, an indented {@code version} line follows.
 */
public final class YarnLockExtractor implements Extractor {

    @Override
    public String name() {
        return "javascript/yarnlock";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.fileName(path).equals("yarn.lock") && !path.contains("node_modules/");
    }

    @Override
    public boolean isLockfile() {
        return true;
    }

    @Override
    public Extraction extract(String path, String text) throws MalformedManifestException {
        List<String> lines = Texts.lines(text);
        List<Package> out = new ArrayList<>();
        String name = null;
        String source = null;
        int headerLine = 0;
        boolean sawHeader = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                if (!line.endsWith(":")) {
                    throw new MalformedManifestException(i + 1, "expected a package header ending in ':' in yarn.lock");
                }
                sawHeader = true;
                String first = unquote(line.substring(0, line.length() - 1).split(",", -1)[0].strip());
                if (first.isEmpty()) {
                    throw new MalformedManifestException(i + 1, "a package header in yarn.lock names no package");
                }
                if (first.equals("__metadata")) {
                    name = null;
                    continue;
                }
                int at = first.indexOf('@', 1);
                name = at > 0 ? first.substring(0, at) : first;
                String spec = at > 0 ? first.substring(at + 1) : "";
                source = spec.matches("(?i)(git|git\\+[a-z]+|github|gitlab|bitbucket|gist|https?|file|link|workspace|portal|patch|exec)[:+].*")
                        ? spec : null;
                headerLine = i + 1;
                continue;
            }
            String t = line.strip();
            if (name != null && (t.startsWith("version ") || t.startsWith("version:"))) {
                String v = unquote(t.substring("version".length()).replaceFirst("^:", "").strip());
                if (source != null && source.startsWith("workspace:")) {
                    name = null;
                    continue; // a workspace package of this repository
                }
                out.add(new Package(Ecosystem.NPM, name, v, null, headerLine, false, false, source));
                name = null;
            }
        }
        if (!sawHeader && !text.isBlank() && !text.strip().startsWith("#")) {
            throw new MalformedManifestException(1, "no package entries found in yarn.lock");
        }
        return Extraction.of(out);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
