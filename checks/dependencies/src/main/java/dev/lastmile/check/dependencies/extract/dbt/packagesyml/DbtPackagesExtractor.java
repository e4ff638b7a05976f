package dev.lastmile.check.dependencies.extract.dbt.packagesyml;

import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.extract.Yaml;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * dbt's {@code packages.yml} and {@code dependencies.yml}: Hub packages ({@code package: dbt-labs/dbt_utils} with a
 * version or a range list) and git packages ({@code git: https://github.com/o/r.git} with a {@code revision}).
 * Neither registry service knows dbt Hub, so each package is named by its source repository
 * ({@code github.com/dbt-labs/dbt-utils}) for the license lookup; local and tarball packages are kept as sources.
 */
public final class DbtPackagesExtractor implements Extractor {

    @Override
    public String name() {
        return "dbt/packagesyml";
    }

    @Override
    public boolean fileRequired(String path) {
        String f = Extractor.fileName(path);
        return (f.equals("packages.yml") || f.equals("dependencies.yml")) && !path.startsWith("dbt_packages/")
                && !path.contains("/dbt_packages/");
    }

    @Override
    public Extraction extract(String path, String text) throws MalformedManifestException {
        Node root = Yaml.compose(text, Extractor.fileName(path));
        Node packages = Yaml.entries(root).get("packages");
        if (packages == null) {
            if (Extractor.fileName(path).equals("dependencies.yml")) {
                return Extraction.of(List.of()); // dependencies.yml may hold only `projects:` (dbt Mesh)
            }
            throw new MalformedManifestException(Yaml.line(root), "expected a top-level 'packages:' list");
        }
        if (!(packages instanceof SequenceNode)) {
            throw new MalformedManifestException(Yaml.line(packages), "'packages:' must be a list");
        }
        List<Package> out = new ArrayList<>();
        List<Extraction.Problem> problems = new ArrayList<>();
        for (Node item : Yaml.items(packages)) {
            Map<String, Node> e = Yaml.entries(item);
            int line = Yaml.line(item);
            String hub = Yaml.scalar(e.get("package"));
            String git = Yaml.scalar(e.get("git"));
            if (hub != null) {
                Node v = e.get("version");
                String version = Yaml.scalar(v);
                String constraint = null;
                if (v instanceof SequenceNode seq) {
                    constraint = String.join(",", seq.getValue().stream().map(Yaml::scalar).filter(s -> s != null).toList());
                    version = null;
                } else if (version != null && !version.matches("[0-9][0-9A-Za-z.+-]*")) {
                    constraint = version;
                    version = null;
                }
                out.add(new Package(Ecosystem.DBT, hubRepository(hub), version, constraint, line, true, false, null));
            } else if (git != null) {
                String revision = Yaml.scalar(e.get("revision"));
                out.add(new Package(Ecosystem.DBT, gitRepository(git), revision, null, line, true, false, null));
            } else if (e.containsKey("local") || e.containsKey("tarball") || e.containsKey("private")) {
                String src = Yaml.scalar(e.getOrDefault("local", e.getOrDefault("tarball", e.get("private"))));
                out.add(new Package(Ecosystem.DBT, String.valueOf(src), null, null, line, true, false,
                        "local:" + src));
            } else {
                problems.add(new Extraction.Problem(line, "a package entry needs 'package:', 'git:', 'local:' or 'tarball:'"));
            }
        }
        return new Extraction(out, List.of(), problems);
    }

    /**
     * dbt Hub names are {@code namespace/package}; the packages are GitHub repositories named the same with hyphens
     * ({@code dbt-labs/dbt_utils} lives in {@code github.com/dbt-labs/dbt-utils}). A convention, not a rule: a miss
     * leaves the package unchecked, and is said so.
     */
    public static String hubRepository(String hub) {
        String h = hub.strip().toLowerCase(Locale.ROOT);
        int slash = h.indexOf('/');
        if (slash < 0) {
            return "github.com/" + h.replace('_', '-');
        }
        return "github.com/" + h.substring(0, slash) + "/" + h.substring(slash + 1).replace('_', '-');
    }

    /** {@code https://github.com/o/r.git}, {@code git@github.com:o/r.git} → {@code github.com/o/r}. */
    public static String gitRepository(String url) {
        String u = url.strip();
        u = u.replaceFirst("^git@([^:]+):", "$1/");
        u = u.replaceFirst("^[a-z+]+://", "");
        u = u.replaceFirst("^[^@/]+@", "");
        u = u.replaceFirst("\\.git$", "");
        u = u.replaceFirst("/+$", "");
        return u.toLowerCase(Locale.ROOT);
    }
}
