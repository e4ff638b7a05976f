package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A password inside a connection string: {@code postgresql://user:pass@host/db} (and mysql, redshift, snowflake,
 * mongodb+srv, SQLAlchemy {@code dialect+driver://} URLs, Airflow {@code AIRFLOW_CONN_*} URIs, {@code https://user:token@}
 * git remotes), JDBC {@code password=} parameters and ODBC {@code PWD=} attributes. A password that is a reference
 * ({@code ${DB_PASSWORD}}, {@code {{ env_var(...) }}}) or a placeholder ({@code :password@}, {@code :%s@}) is not a
 * finding; a well-known default ({@code postgres:postgres@localhost}) is reported by SEC013 instead.
 */
public final class PasswordInConnectionString {

    public static final RuleMeta META = new RuleMeta(
            "SEC002", "secrets.connection_string_password", Category.CREDENTIALS, Severity.HIGH,
            "Password or token embedded in a connection string or URL",
            "Connection strings are copied into logs, error messages, Airflow connection lists and notebooks. One with "
                    + "an embedded password hands out database access to everyone who reads any of them.",
            "Rotate the password or token now. Build the URL at run time from parts read from the environment or a "
                    + "secret manager (Airflow: a secrets backend; SQLAlchemy: URL.create(password=os.environ[...])); "
                    + "send API tokens in a header, never in the query string.");

    static final Detector URL_PASSWORD = new RegexDetector("url-password", META,
            "A scheme://user:password@host URL gives its reader a database or service login.",
            List.of("://"),
            Pattern.compile("(?<![A-Za-z0-9+.-])([a-zA-Z][a-zA-Z0-9+.-]{1,30})://([^\\s:/?#@'\"`<>\\\\{}]{0,256}+):"
                    + "([^\\s/?#@'\"`<>\\\\]{1,256}+)@([A-Za-z0-9\\[][A-Za-z0-9.\\[\\]:_-]{0,255})"),
            3, 0.0, List.of(), "password in a connection URL", null, 2);

    static final Detector JDBC_PASSWORD = new RegexDetector("jdbc-password", META,
            "A JDBC URL with a password= parameter gives its reader a database login.",
            List.of("jdbc:"),
            Pattern.compile("(?i)jdbc:[a-z0-9]{1,30}:[^\\s'\"`<>]{0,1000}?[;?&:]password=([^;&\\s'\"`<>]{1,256})"),
            1, 0.0, List.of(), "password in a JDBC URL", null, 2);

    static final Detector ODBC_PASSWORD = new OdbcPasswordDetector();

    /** API extract scripts often put the token in the query string, where every proxy and access log keeps it. */
    static final Detector URL_QUERY_CREDENTIAL = new RegexDetector("url-query-credential", META,
            "A token or password in a URL's query string is written to every proxy, server and browser log.",
            List.of("token=", "key=", "password=", "secret=", "pwd=", "passwd=", "auth="),
            Pattern.compile("(?i)https?://[^\\s\"'`<>?]{1,300}\\?(?:[^\\s\"'`<>#]{0,500}?&)?"
                    + "(?:access_token|auth_token|token|api_key|apikey|api-key|password|passwd|pwd|secret|"
                    + "client_secret|auth)=([^&\\s\"'`<>#{}$\\[\\]\\\\]{8,256})(?![{$\\[])"),
            1, 3.0, List.of(RegexDetector.EXAMPLE), "credential in a URL query parameter", null, 2);

    public static List<Detector> detectors() {
        return List.of(URL_PASSWORD, JDBC_PASSWORD, ODBC_PASSWORD, URL_QUERY_CREDENTIAL);
    }

    private PasswordInConnectionString() {
    }

    /**
     * {@code Driver=...;Server=...;UID=...;PWD=...}: an ODBC / ADO.NET / Azure SQL connection string. {@code PWD=}
     * alone is too common ({@code .env} files) to mean a connection string, so the line must also hold {@code ;}
     * and a server, driver, data source or user attribute.
     */
    static final class OdbcPasswordDetector implements Detector {
        private static final Pattern PWD = Pattern.compile(
                "(?i)(?<![\\w-])(?:pwd|password)\\s*=\\s*(\\{[^}\\r\\n]{1,256}}|[^;'\"\\s{}<>]{1,256})");
        private static final Pattern CONTEXT = Pattern.compile(
                "(?i)(?:server|driver|data source|uid|user id|host|dsn|database|initial catalog)\\s*=");

        @Override
        public String id() {
            return "odbc-password";
        }

        @Override
        public RuleMeta rule() {
            return META;
        }

        @Override
        public String description() {
            return "An ODBC or ADO.NET connection string with PWD= gives its reader a database login.";
        }

        @Override
        public List<String> keywords() {
            return List.of("pwd", "password");
        }

        @Override
        public int priority() {
            return 2;
        }

        @Override
        public List<Match> find(String text) {
            List<Match> out = new ArrayList<>();
            Matcher m = PWD.matcher(text);
            // the line's verdict is computed once per line: recomputing it for every PWD= of a 1 MB line was
            // quadratic (minutes on a long "pwd=…;server=" line)
            int lineEnd = -1;
            boolean lineQualifies = false;
            while (m.find()) {
                if (m.start() >= lineEnd) {
                    int ls = text.lastIndexOf('\n', m.start()) + 1;
                    int le = text.indexOf('\n', m.end());
                    lineEnd = le < 0 ? text.length() : le;
                    String line = lineEnd - ls > 4000 ? "" : text.substring(ls, lineEnd);
                    lineQualifies = !line.isEmpty() && line.indexOf(';') >= 0 && CONTEXT.matcher(line).find()
                            && !line.toLowerCase(Locale.ROOT).contains("jdbc:");
                }
                if (!lineQualifies) {
                    continue;
                }
                String v = m.group(1);
                if (v.matches("\\{[A-Z][A-Z0-9_]*}")) {
                    continue; // {PASSWORD}: a template placeholder, not a braced value
                }
                if (v.startsWith("{") && v.endsWith("}")) {
                    out.add(new Match(m.start(1) + 1, m.end(1) - 1, v.substring(1, v.length() - 1),
                            "password in an ODBC connection string"));
                } else {
                    out.add(new Match(m.start(1), m.end(1), v, "password in an ODBC connection string"));
                }
            }
            return out;
        }
    }
}
