package dev.lastmile.check.dependencies.extract.pypi.pyprojecttoml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.extract.TextLines;
import dev.lastmile.check.dependencies.extract.Toml;
import dev.lastmile.check.dependencies.extract.pypi.requirementstxt.RequirementsTxtExtractor;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code pyproject.toml}: PEP 621 {@code [project] dependencies} and {@code optional-dependencies}, PEP 735
 * {@code [dependency-groups]}, and Poetry's {@code [tool.poetry.dependencies]} / {@code group.*.dependencies} /
 * {@code dev-dependencies} (where a bare version means exactly that version).
 */
public final class PyprojectTomlExtractor implements Extractor {

    @Override
    public String name() {
        return "python/pyproject";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.fileName(path).equals("pyproject.toml");
    }

    @Override
    public Extraction extract(String path, String text) throws MalformedManifestException {
        JsonNode root = Toml.parseToml(text, "TOML");
        TextLines lines = new TextLines(text);
        List<Package> out = new ArrayList<>();
        List<Extraction.Problem> problems = new ArrayList<>();
        JsonNode project = root.path("project");
        int projectLine = lines.find("[project]");
        pep508List(project.path("dependencies"), false, lines, projectLine, out, problems);
        for (Iterator<Map.Entry<String, JsonNode>> it = project.path("optional-dependencies").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            pep508List(e.getValue(), isDevGroup(e.getKey()), lines, projectLine, out, problems);
        }
        int groupsLine = lines.find("[dependency-groups]");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("dependency-groups").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            pep508List(e.getValue(), true, lines, groupsLine, out, problems);
        }
        JsonNode poetry = root.path("tool").path("poetry");
        poetryTable(poetry.path("dependencies"), false, lines, lines.find("[tool.poetry.dependencies]"), out);
        poetryTable(poetry.path("dev-dependencies"), true, lines, lines.find("[tool.poetry.dev-dependencies]"), out);
        for (Iterator<Map.Entry<String, JsonNode>> it = poetry.path("group").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int from = lines.find("[tool.poetry.group." + e.getKey() + ".dependencies]");
            poetryTable(e.getValue().path("dependencies"), isDevGroup(e.getKey()) || !"main".equals(e.getKey()),
                    lines, from, out);
        }
        return new Extraction(out, List.of(), problems);
    }

    private static boolean isDevGroup(String group) {
        return group.matches("(?i)(.*[-_])?(dev|devel|test|tests|testing|lint|linting|docs?|typing|types|mypy|ci)([-_].*)?");
    }

    private static void pep508List(JsonNode list, boolean dev, TextLines lines, int from, List<Package> out,
                                   List<Extraction.Problem> problems) {
        if (!list.isArray()) {
            return;
        }
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                continue; // {include-group = "..."} entries name other groups
            }
            String req = item.asText();
            int line = lines.find(req, from, from);
            Package p = RequirementsTxtExtractor.requirement(req.strip(), line, dev);
            if (p == null) {
                problems.add(new Extraction.Problem(line, "cannot read '" + req + "' as a PEP 508 requirement"));
            } else {
                out.add(p);
            }
        }
    }

    private static void poetryTable(JsonNode table, boolean dev, TextLines lines, int from, List<Package> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equalsIgnoreCase("python")) {
                continue; // the interpreter, not a package
            }
            int line = lines.findAll(from, from, name, "=");
            JsonNode v = e.getValue();
            String spec;
            String source = null;
            if (v.isTextual()) {
                spec = v.asText();
            } else if (v.isObject()) {
                spec = Toml.text(v, "version");
                for (String key : List.of("git", "path", "url")) {
                    if (Toml.text(v, key) != null) {
                        source = Toml.text(v, key);
                    }
                }
            } else {
                spec = null; // a list of constraints per platform: judged as unpinned
            }
            out.add(poetryPackage(name, spec, line, dev, source));
        }
    }

    /** Poetry's specifiers: a bare version ({@code 2.19.1}, {@code ==2.19.1}) is exact; anything else is a range. */
    public static Package poetryPackage(String name, String spec, int line, boolean dev, String source) {
        String s = spec == null ? "" : spec.strip();
        if (s.startsWith("==")) {
            s = s.substring(2).strip();
        }
        if (!s.isEmpty() && s.matches("[0-9][A-Za-z0-9.+!-]*")) {
            return new Package(Ecosystem.PYPI, name, s, null, line, true, dev, source);
        }
        return new Package(Ecosystem.PYPI, name, null, s.equals("*") ? null : s, line, true, dev, source);
    }
}
