package dev.lastmile.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** lastmile's own version, from the build. */
public final class Version {

    public static final String TOOL_NAME = "lastmile";
    private static final String VERSION = load();

    private Version() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
