package dev.lastmile.check.residency.policy;

import java.util.regex.Pattern;

/**
 * Globs over dotted names ({@code shop-analytics-eu.crm.*}) and storage URIs ({@code s3://acme-eu-*}/**): {@code *}
 * stays within one part (a dot-separated name part, or a path segment of a URI), {@code **} crosses parts, {@code ?}
 * is one character. Case-insensitive, since warehouses fold identifiers and buckets are lower case.
 */
public final class NameGlob {

    private NameGlob() {
    }

    /** A glob whose parts are separated by {@code separator} ('.' for relations, '/' for URIs). */
    public static Pattern compile(String glob, char separator) {
        StringBuilder re = new StringBuilder();
        String notSep = "[^" + Pattern.quote(String.valueOf(separator)) + "]";
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append(notSep).append('*');
                }
            } else if (c == '?') {
                re.append(notSep);
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }

    /**
     * A relation glob as a pattern over {@code database.schema.table}: one part ({@code crm}) means that schema in any
     * database, two parts ({@code shop-eu.crm}) a whole schema/dataset, three parts a table.
     */
    public static Pattern relation(String glob) {
        String g = glob.trim().replace("`", "").replace("\"", "");
        int parts = g.split("\\.", -1).length;
        if (g.contains("**")) {
            return compile(g, '.');
        }
        return switch (parts) {
            case 1 -> compile("*." + g + ".*", '.');
            case 2 -> compile(g + ".*", '.');
            default -> compile(g, '.');
        };
    }

    /** A source glob over {@code source_name.table_name}: {@code crm} means every table of source crm. */
    public static Pattern source(String glob) {
        String g = glob.trim();
        return compile(g.contains(".") ? g : g + ".*", '.');
    }

    /**
     * A storage glob over {@code scheme://bucket/key}: without a scheme it matches any ({@code acme-eu-*}); a glob
     * naming a bucket or prefix covers everything under it.
     */
    public static Pattern storage(String glob) {
        String g = glob.trim();
        if (!g.contains("://")) {
            g = "*://" + g;
        }
        while (g.endsWith("/")) {
            g = g.substring(0, g.length() - 1);
        }
        return Pattern.compile(compile(g, '/').pattern() + "(?:/.*)?", Pattern.CASE_INSENSITIVE);
    }
}
