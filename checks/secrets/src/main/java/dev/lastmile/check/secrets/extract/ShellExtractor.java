package dev.lastmile.check.secrets.extract;

import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell scripts (and {@code RUN} lines of Dockerfiles): variable assignments ({@code export DB_PASSWORD=...}),
 * credential flags ({@code --password=...}, {@code --token ...}), {@code mysql -p...}, {@code curl -u user:pass}
 * and {@code Authorization} headers. A value made of {@code $VAR} or {@code $(command)} is a reference.
 */
public final class ShellExtractor implements Extractor {

    private static final Pattern ASSIGN = Pattern.compile(
            "^\\s*(?:export\\s+|local\\s+|readonly\\s+|declare\\s+(?:-[a-zA-Z]+\\s+)?|setenv\\s+)?([A-Za-z_][A-Za-z0-9_]*)(?:=|\\s+(?=[\"']))(.*)$");
    private static final Pattern FLAG = Pattern.compile(
            "(?<![\\w-])--?((?:[A-Za-z][\\w-]{0,60}?)?(?:password|passwd|pass|pwd|token|secret|api-key|apikey|api_key|access-key|secret-key|key))"
                    + "(?:=|\\s+)('[^']*'|\"[^\"]*\"|[^\\s;|&)'\"]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MYSQL_P = Pattern.compile("(?<![\\w-])-p('[^']+'|\"[^\"]+\"|[^\\s'\"-][^\\s'\"]{3,})");
    private static final Pattern CURL_USER = Pattern.compile("(?<![\\w-])(?:-u|--user)\\s+['\"]?([^\\s:'\"]+):([^\\s'\"]+)['\"]?");
    private static final Pattern AUTH_HEADER = Pattern.compile(
            "(?i)authorization:\\s*(?:bearer|token|basic)\\s+([A-Za-z0-9._~+/=-]{8,})");

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public boolean fileRequired(String path) {
        String n = Extractor.fileName(path);
        return Extractor.hasExtension(path, "sh", "bash", "zsh", "ksh", "fish", "command")
                || n.equals(".bashrc") || n.equals(".zshrc") || n.equals(".profile") || n.equals(".bash_profile")
                || n.equals("makefile") || n.endsWith(".mk") || n.equals("justfile") || n.equals("procfile");
    }

    @Override
    public Extraction extract(String text) {
        List<Entry> out = new ArrayList<>();
        List<String> lines = Texts.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.length() > 10_000 || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher a = ASSIGN.matcher(line);
            if (a.matches()) {
                out.add(Entry.of(a.group(1), Unquote.bare(a.group(2)), i + 1));
            }
            lineEntries(line, i + 1, out);
        }
        return Extraction.of(out);
    }

    /** Flags, {@code mysql -p}, {@code curl -u} and auth headers on one line of any command. */
    static void lineEntries(String line, int lineNo, List<Entry> out) {
        Matcher f = FLAG.matcher(line);
        while (f.find()) {
            out.add(Entry.of(f.group(1), Unquote.value(f.group(2)), lineNo));
        }
        if (line.contains("mysql") || line.contains("mariadb")) {
            Matcher m = MYSQL_P.matcher(line);
            while (m.find()) {
                out.add(Entry.of("password", Unquote.value(m.group(1)), lineNo));
            }
        }
        if (line.contains("curl") || line.contains("wget") || line.contains("http")) {
            Matcher c = CURL_USER.matcher(line);
            while (c.find()) {
                out.add(Entry.of("password", c.group(2), lineNo));
            }
        }
        Matcher h = AUTH_HEADER.matcher(line);
        while (h.find()) {
            out.add(Entry.of("bearer", h.group(1), lineNo));
        }
    }
}
