package dev.lastmile.check.dependencies.extract.pypi.requirementstxt;

import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.Package;
import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pip requirements files: PEP 508 lines with extras, markers and {@code --hash} options, backslash continuations,
 * {@code -r} includes, {@code -e}/URL requirements (reported with their source: no registry can judge them).
 */
public final class RequirementsTxtExtractor implements Extractor {

    private static final Pattern FILE = Pattern.compile("(?:.*[-_.])?requirements(?:[-_.][^/]*)?\\.txt",
            Pattern.CASE_INSENSITIVE);
    // PEP 508 name, optional extras, then either "@ url" or a specifier list (optionally in parentheses)
    private static final Pattern REQUIREMENT = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(\\[[^\\]]*\\])?\\s*(?:@\\s*(\\S+)|\\(?\\s*([^;()]*?)\\s*\\)?)?\\s*(?:;.*)?");
    private static final Pattern SPECIFIER = Pattern.compile("(~=|===|==|!=|<=|>=|<|>)\\s*([A-Za-z0-9_.*+!-]+)");
    private static final int MAX_LINE = 4096;
    /** PEP 508 direct references name the package first: {@code name @ https://...}. */
    private static final Pattern NAMED_URL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\s*(\\[[^\\]]*\\])?\\s*@\\s");
    private static final Pattern EGG = Pattern.compile("[#&]egg=([A-Za-z0-9._-]+)");

    @Override
    public String name() {
        return "python/requirements";
    }

    @Override
    public boolean fileRequired(String path) {
        return FILE.matcher(Extractor.fileName(path)).matches();
    }

    @Override
    public Extraction extract(String path, String text) {
        List<Package> packages = new ArrayList<>();
        List<String> includes = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        List<Extraction.Problem> problems = new ArrayList<>();
        List<String> lines = Texts.lines(text);
        boolean dev = isDevFile(Extractor.fileName(path));
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            StringBuilder logical = new StringBuilder();
            String raw = lines.get(i);
            // a trailing backslash continues the requirement on the next line (hashes are usually laid out so)
            while (raw.endsWith("\\") && i + 1 < lines.size()) {
                logical.append(raw, 0, raw.length() - 1).append(' ');
                raw = lines.get(++i);
            }
            logical.append(raw.endsWith("\\") ? raw.substring(0, raw.length() - 1) : raw);
            String line = stripComment(logical.toString()).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() > MAX_LINE) {
                problems.add(new Extraction.Problem(lineNo, "line longer than " + MAX_LINE + " characters, not read"));
                continue;
            }
            if (line.startsWith("-")) {
                option(line, lineNo, packages, includes, constraints, dev);
                continue;
            }
            line = stripOptions(line);
            if (looksLikeUrl(line) && !NAMED_URL.matcher(line).lookingAt()) {
                Matcher egg = EGG.matcher(line);
                String name = egg.find() ? egg.group(1) : line;
                packages.add(new Package(Ecosystem.PYPI, name, null, null, lineNo, true, dev, line));
                continue;
            }
            Package p = requirement(line, lineNo, dev);
            if (p == null) {
                problems.add(new Extraction.Problem(lineNo,
                        "cannot read '" + abbreviate(line) + "' as a PEP 508 requirement"));
            } else {
                packages.add(p);
            }
        }
        return new Extraction(packages, includes, problems, constraints);
    }

    /** {@code requirements-dev.txt}, {@code test-requirements.txt}; not {@code requirements-docker.txt}. */
    static boolean isDevFile(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).matches("(.*[-_.])?(dev|devel|test|tests|testing|lint|docs?|ci)([-_.].*)?");
    }

    /** One PEP 508 requirement, or null when the line is not one. */
    public static Package requirement(String line, int lineNo, boolean dev) {
        Matcher m = REQUIREMENT.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String name = m.group(1);
        if (m.group(3) != null) {
            return new Package(Ecosystem.PYPI, name, null, null, lineNo, true, dev, m.group(3));
        }
        String spec = m.group(4) == null ? "" : m.group(4).strip();
        if (spec.isEmpty()) {
            return new Package(Ecosystem.PYPI, name, null, null, lineNo, true, dev, null);
        }
        List<String[]> parts = new ArrayList<>();
        for (String piece : spec.split(",")) {
            Matcher s = SPECIFIER.matcher(piece.strip());
            if (!s.matches()) {
                return null;
            }
            parts.add(new String[] {s.group(1), s.group(2)});
        }
        String normalized = String.join(",", parts.stream().map(p -> p[0] + p[1]).toList());
        if (parts.size() == 1 && (parts.get(0)[0].equals("==") || parts.get(0)[0].equals("===")) && !parts.get(0)[1].contains("*")) {
            return new Package(Ecosystem.PYPI, name, parts.get(0)[1], null, lineNo, true, dev, null);
        }
        return new Package(Ecosystem.PYPI, name, null, normalized, lineNo, true, dev, null);
    }

    private static void option(String line, int lineNo, List<Package> packages, List<String> includes,
                               List<String> constraints, boolean dev) {
        String[] words = line.split("\\s+|=", 2);
        String opt = words[0];
        String arg = words.length > 1 ? words[1].strip() : "";
        switch (opt) {
            case "-r", "--requirement" -> {
                if (!arg.isEmpty()) {
                    includes.add(arg);
                }
            }
            case "-c", "--constraint" -> {
                if (!arg.isEmpty()) {
                    constraints.add(arg);
                }
            }
            case "-e", "--editable" -> {
                Matcher egg = EGG.matcher(arg);
                String name = egg.find() ? egg.group(1) : arg;
                packages.add(new Package(Ecosystem.PYPI, name, null, null, lineNo, true, dev, arg));
            }
            default -> {
                // index URLs, --hash on its own line, --pre: nothing to judge
            }
        }
    }

    private static String stripComment(String line) {
        if (line.startsWith("#")) {
            return "";
        }
        Matcher m = Pattern.compile("\\s#").matcher(line);
        return m.find() ? line.substring(0, m.start()) : line;
    }

    private static String stripOptions(String line) {
        int opt = line.indexOf(" --");
        return opt < 0 ? line : line.substring(0, opt);
    }

    private static boolean looksLikeUrl(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.startsWith("git+") || l.startsWith("http://") || l.startsWith("https://") || l.startsWith("file:")
                || l.startsWith("./") || l.startsWith("../") || l.startsWith("/") || l.endsWith(".whl")
                || l.endsWith(".tar.gz") || l.endsWith(".zip");
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
