package dev.lastmile.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * lastmile's own version and the commit it was built from, filtered into {@code version.properties} by the build.
 * A release sets both from its git tag (tools/release.sh); a build from a checkout has the pom's version and the
 * commit the launcher passes ({@code -Dlastmile.commit}), or {@code unknown}.
 */
public final class Version {

    public static final String TOOL_NAME = "lastmile";
    private static final Properties PROPS = load();

    private Version() {
    }

    public static String current() {
        return PROPS.getProperty("version", "dev");
    }

    /** The commit this build came from (12 hex digits, {@code -dirty} when the tree had uncommitted edits), or {@code unknown}. */
    public static String commit() {
        String c = PROPS.getProperty("commit", "unknown");
        return c.isBlank() || c.startsWith("${") ? "unknown" : c;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version file: "dev" and "unknown"
        }
        return p;
    }
}
