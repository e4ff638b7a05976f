package dev.lastmile.check.secrets.extract;

import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code .env} files, INI and {@code .cfg} (Airflow's {@code airflow.cfg}, {@code setup.cfg}, {@code odbc.ini},
 * MySQL's {@code .my.cnf}), Java {@code .properties}, and the two credential files of database clients:
 * {@code .pgpass} ({@code host:port:db:user:password}) and {@code .netrc} ({@code machine h login u password p}).
 */
public final class PropertiesExtractor implements Extractor {

    private static final Set<String> NAMES = Set.of(".env", ".envrc", ".flaskenv", ".my.cnf", "my.cnf", "odbc.ini",
            ".odbc.ini", "airflow.cfg", "webserver_config.py.cfg", ".pgpass", "pgpass.conf", ".netrc", "_netrc",
            ".s3cfg", "credentials", ".boto", "boto.cfg", ".pypirc", ".npmrc", ".databrickscfg");

    @Override
    public String name() {
        return "properties";
    }

    @Override
    public boolean fileRequired(String path) {
        String name = Extractor.fileName(path);
        return NAMES.contains(name) || name.startsWith(".env.") || name.endsWith(".env")
                || Extractor.hasExtension(path, "ini", "cfg", "conf", "cnf", "properties", "env");
    }

    @Override
    public Extraction extract(String text) {
        return Extraction.of(extractAll(text));
    }

    static List<Entry> extractAll(String text) {
        List<Entry> out = new ArrayList<>(KeyValueLines.extract(text, true));
        List<String> lines = Texts.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.length() > 4000) {
                continue;
            }
            // .pgpass: hostname:port:database:username:password (backslash escapes : and \)
            String[] parts = line.split("(?<!\\\\):", -1);
            if (parts.length == 5 && !line.contains(" ") && !line.contains("=") && !line.contains("//")) {
                out.add(Entry.of("password", parts[4].replace("\\:", ":").replace("\\\\", "\\"), i + 1));
            }
            // .netrc: machine host login user password secret (one line or several)
            String[] words = line.split("\\s+");
            for (int w = 0; w + 1 < words.length; w++) {
                if (words[w].equals("password") && (line.startsWith("machine") || line.startsWith("login")
                        || line.startsWith("default") || line.startsWith("password"))) {
                    out.add(Entry.of("password", words[w + 1], i + 1));
                }
            }
        }
        return out;
    }
}
