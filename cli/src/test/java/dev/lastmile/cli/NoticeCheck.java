package dev.lastmile.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NOTICE against the dependency tree: every third-party library a released jar bundles (the runtime dependencies
 * Maven's dependency:list reports for the shaded modules) must be named in NOTICE, and, when every shaded module's
 * list is given, NOTICE names nothing that no jar bundles. Used by {@code NoticeTest} on every build (the CLI jar)
 * and by tools/release.sh over the CLI and every function jar:
 * {@code java -cp cli/target/test-classes dev.lastmile.cli.NoticeCheck NOTICE LIST...}.
 */
public final class NoticeCheck {

    /** A NOTICE entry: two spaces, {@code group:artifact} ({@code *} for every artifact of the group), a description. */
    private static final Pattern ENTRY = Pattern.compile("^  ([A-Za-z0-9_.-]+):([A-Za-z0-9_.*-]+)(?:\\s.*)?$");
    /** A dependency:list line: {@code group:artifact:type[:classifier]:version:scope}, optional " -- module x". */
    private static final Pattern DEPENDENCY = Pattern.compile("^\\s+([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):[^:\\s]+(?::[^:\\s]+)?:[^:\\s]+:(compile|runtime)\\b.*$");

    private NoticeCheck() {
    }

    /** The {@code group:artifact} entries of NOTICE. */
    public static Set<String> entries(String notice) {
        Set<String> out = new TreeSet<>();
        for (String line : notice.split("\\R")) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                out.add(m.group(1) + ":" + m.group(2));
            }
        }
        return out;
    }

    /** The third-party {@code group:artifact}s of dependency:list outputs (lastmile's own modules left out). */
    public static Set<String> bundled(List<Path> lists) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Path list : lists) {
            for (String line : Files.readAllLines(list)) {
                Matcher m = DEPENDENCY.matcher(line);
                if (m.matches() && !m.group(1).equals("dev.lastmile")) {
                    out.add(m.group(1) + ":" + m.group(2));
                }
            }
        }
        return out;
    }

    static boolean covers(String entry, String dependency) {
        return entry.equals(dependency) || entry.endsWith(":*")
                && dependency.startsWith(entry.substring(0, entry.length() - 1));
    }

    /** Bundled libraries NOTICE does not name. */
    public static List<String> missing(Set<String> entries, Set<String> bundled) {
        List<String> out = new ArrayList<>();
        for (String d : bundled) {
            if (entries.stream().noneMatch(e -> covers(e, d))) {
                out.add(d);
            }
        }
        return out;
    }

    /** NOTICE entries no bundled library answers to. */
    public static List<String> stale(Set<String> entries, Set<String> bundled) {
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            if (bundled.stream().noneMatch(d -> covers(e, d))) {
                out.add(e);
            }
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: NoticeCheck NOTICE DEPENDENCY_LIST...");
            System.exit(2);
        }
        Set<String> entries = entries(Files.readString(Path.of(args[0])));
        List<Path> lists = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            lists.add(Path.of(args[i]));
        }
        Set<String> bundled = bundled(lists);
        List<String> missing = missing(entries, bundled);
        List<String> stale = stale(entries, bundled);
        missing.forEach(d -> System.err.println("NOTICE does not name the bundled " + d));
        stale.forEach(e -> System.err.println("NOTICE names " + e + ", which no released jar bundles"));
        if (bundled.isEmpty()) {
            System.err.println("no bundled dependencies found in " + lists + ": not dependency:list outputs?");
            System.exit(1);
        }
        System.out.println("NOTICE: " + bundled.size() + " bundled libraries, " + entries.size() + " entries"
                + (missing.isEmpty() && stale.isEmpty() ? ", all accounted for" : ""));
        System.exit(missing.isEmpty() && stale.isEmpty() ? 0 : 1);
    }
}
