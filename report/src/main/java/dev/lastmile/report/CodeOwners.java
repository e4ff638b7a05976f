package dev.lastmile.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A repository's CODEOWNERS file, read with GitHub's rules: one {@code pattern owner…} per line, {@code #} comments,
 * patterns as in {@code .gitignore} without negation or character ranges ({@code *} stays within a directory,
 * {@code **} crosses them, a leading or inner {@code /} anchors to the root, a trailing {@code /} means a directory, a
 * pattern that names a directory owns everything under it), and the <em>last</em> matching line wins. A matching
 * line without owners leaves the path unowned.
 */
public final class CodeOwners {

    /** Where GitHub looks, in the order it looks: the first file found is the one used. */
    public static final List<String> LOCATIONS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");

    private record Rule(Pattern pattern, List<String> owners) {
    }

    private final List<Rule> rules;

    private CodeOwners(List<Rule> rules) {
        this.rules = rules;
    }

    public static CodeOwners parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            List<String> owners = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                owners.add(parts[i]);
            }
            rules.add(new Rule(compile(parts[0].replace("\\#", "#")), List.copyOf(owners)));
        }
        return new CodeOwners(rules);
    }

    /** The CODEOWNERS of a checkout (or a CODEOWNERS file itself), at the first of {@link #LOCATIONS} that exists. */
    public static Optional<CodeOwners> read(Path checkoutOrFile) {
        try {
            if (Files.isRegularFile(checkoutOrFile)) {
                return Optional.of(parse(Files.readString(checkoutOrFile, StandardCharsets.UTF_8)));
            }
            for (String location : LOCATIONS) {
                Path p = checkoutOrFile.resolve(location);
                if (Files.isRegularFile(p)) {
                    return Optional.of(parse(Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CODEOWNERS under " + checkoutOrFile, e);
        }
    }

    /** The owners of {@code path} (repository-relative, forward slashes): the last matching line's; empty if none. */
    public List<String> owners(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).pattern().matcher(p).matches()) {
                return rules.get(i).owners();
            }
        }
        return List.of();
    }

    private static String stripComment(String line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '#') {
                b.append("\\#");
                i++;
            } else if (c == '#') {
                break;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static Pattern compile(String glob) {
        String g = glob;
        boolean directory = g.endsWith("/");
        if (directory) {
            g = g.substring(0, g.length() - 1);
        }
        boolean anchored = g.startsWith("/") || g.contains("/");
        if (g.startsWith("/")) {
            g = g.substring(1);
        }
        StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // a pattern that names a directory owns what is under it; a directory pattern owns nothing else
        re.append(directory ? "/.*" : "(?:/.*)?");
        return Pattern.compile(re.toString());
    }
}
