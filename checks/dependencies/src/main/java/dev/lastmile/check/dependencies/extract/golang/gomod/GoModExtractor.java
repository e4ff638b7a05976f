package dev.lastmile.check.dependencies.extract.golang.gomod;

import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code go.mod}: {@code require} lines and blocks (minimal version selection makes them exact), {@code // indirect}
 * marking transitive ones, and {@code replace} directives applied: a module replaced by a local path is not a
 * registry package, one replaced by another module is judged as that module.
 */
public final class GoModExtractor implements Extractor {

    @Override
    public String name() {
        return "go/gomod";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.fileName(path).equals("go.mod");
    }

    @Override
    public Extraction extract(String path, String text) throws MalformedManifestException {
        List<String> lines = Texts.lines(text);
        List<Package> required = new ArrayList<>();
        Map<String, String[]> replaced = new HashMap<>();
        List<Extraction.Problem> problems = new ArrayList<>();
        String block = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            boolean indirect = raw.contains("// indirect");
            int comment = raw.indexOf("//");
            String line = (comment >= 0 ? raw.substring(0, comment) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (block != null) {
                if (line.equals(")")) {
                    block = null;
                    continue;
                }
                directive(block, line, i + 1, indirect, required, replaced, problems);
                continue;
            }
            String[] words = line.split("\\s+", 2);
            if (words.length == 2 && words[1].equals("(")) {
                block = words[0];
                continue;
            }
            if (words.length == 2) {
                directive(words[0], words[1], i + 1, indirect, required, replaced, problems);
            }
        }
        if (block != null) {
            throw new MalformedManifestException(lines.size(), "'" + block + " (' block is never closed");
        }
        List<Package> out = new ArrayList<>();
        for (Package p : required) {
            String[] r = replaced.get(p.name());
            if (r == null) {
                out.add(p);
            } else if (r[1] == null) {
                out.add(new Package(Ecosystem.GO, p.name(), null, null, p.line(), p.direct(), false, r[0]));
            } else {
                out.add(new Package(Ecosystem.GO, r[0], r[1], null, p.line(), p.direct(), false, null));
            }
        }
        return new Extraction(out, List.of(), problems);
    }

    private static void directive(String verb, String args, int line, boolean indirect, List<Package> required,
                                  Map<String, String[]> replaced, List<Extraction.Problem> problems) {
        String[] w = args.replace("\"", "").split("\\s+");
        switch (verb) {
            case "require" -> {
                if (w.length != 2 || !w[1].startsWith("v")) {
                    problems.add(new Extraction.Problem(line, "expected 'module vX.Y.Z' in require"));
                    return;
                }
                required.add(new Package(Ecosystem.GO, w[0], w[1], null, line, !indirect, false, null));
            }
            case "replace" -> {
                int arrow = List.of(w).indexOf("=>");
                if (arrow < 1 || arrow + 1 >= w.length) {
                    problems.add(new Extraction.Problem(line, "expected 'module [version] => target [version]'"));
                    return;
                }
                String target = w[arrow + 1];
                String version = arrow + 2 < w.length ? w[arrow + 2] : null;
                replaced.put(w[0], new String[] {target, version});
            }
            default -> {
                // module, go, toolchain, exclude, retract: nothing to judge
            }
        }
    }
}
