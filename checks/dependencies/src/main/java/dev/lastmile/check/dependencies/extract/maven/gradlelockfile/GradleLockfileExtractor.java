package dev.lastmile.check.dependencies.extract.maven.gradlelockfile;

import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.Package;
import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gradle.lockfile} (and {@code buildscript-gradle.lockfile}): one {@code group:artifact:version=configurations}
 * line per module. A module locked only for test configurations is a development dependency.
 */
public final class GradleLockfileExtractor implements Extractor {

    @Override
    public String name() {
        return "java/gradlelockfile";
    }

    @Override
    public boolean fileRequired(String path) {
        String f = Extractor.fileName(path);
        return f.equals("gradle.lockfile") || f.endsWith("-gradle.lockfile")
                || (path.contains("gradle/dependency-locks/") && f.endsWith(".lockfile"));
    }

    @Override
    public boolean isLockfile() {
        return true;
    }

    @Override
    public Extraction extract(String path, String text) {
        List<Package> out = new ArrayList<>();
        List<Extraction.Problem> problems = new ArrayList<>();
        List<String> lines = Texts.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("empty=")) {
                continue;
            }
            int eq = line.indexOf('=');
            String coords = eq < 0 ? line : line.substring(0, eq);
            String[] parts = coords.split(":");
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
                problems.add(new Extraction.Problem(i + 1, "expected group:artifact:version=configurations"));
                continue;
            }
            boolean dev = eq > 0 && isTestOnly(line.substring(eq + 1));
            out.add(new Package(Ecosystem.MAVEN, parts[0] + ":" + parts[1], parts[2], null, i + 1, false, dev, null));
        }
        return new Extraction(out, List.of(), problems);
    }

    private static boolean isTestOnly(String configurations) {
        if (configurations.isBlank()) {
            return false;
        }
        for (String c : configurations.split(",")) {
            if (!c.strip().toLowerCase(java.util.Locale.ROOT).contains("test")) {
                return false;
            }
        }
        return true;
    }
}
