package dev.lastmile.check.secrets.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQL and dbt/Jinja SQL, read at token level so that only string literals given as an option's value count:
 * {@code CREATE USER ... PASSWORD = '...'}, {@code IDENTIFIED BY '...'}, {@code WITH PASSWORD '...'},
 * {@code COPY ... CREDENTIALS = (AWS_KEY_ID = '...' AWS_SECRET_KEY = '...')}, Redshift's
 * {@code CREDENTIALS 'aws_access_key_id=...;aws_secret_access_key=...'}, DuckDB's
 * {@code CREATE SECRET (TYPE s3, KEY_ID '...', SECRET '...')}, Snowflake's {@code CREATE SECRET ...
 * SECRET_STRING = '...'}, storage integrations' {@code AZURE_SAS_TOKEN = '...'}. A column called {@code password}
 * is an identifier, not a literal, and never matches. Jinja blocks are opaque.
 */
public final class SqlExtractor implements Extractor {

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.hasExtension(path, "sql", "ddl", "dml", "hql", "bql", "psql", "prql");
    }

    @Override
    public Extraction extract(String text) {
        List<Tok> toks = tokens(text);
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (!t.string) {
                continue;
            }
            int j = i - 1;
            while (j >= 0 && !toks.get(j).string && (toks.get(j).text.equals("=") || toks.get(j).text.equals("(")
                    || toks.get(j).text.equals(":"))) {
                j--;
            }
            if (j < 0 || toks.get(j).string) {
                continue;
            }
            String word = toks.get(j).text;
            String upper = word.toUpperCase(Locale.ROOT);
            if (upper.equals("BY") && j > 0 && toks.get(j - 1).text.equalsIgnoreCase("IDENTIFIED")) {
                word = "password";
            }
            if (!word.isEmpty() && (Character.isLetter(word.charAt(0)) || word.charAt(0) == '_')) {
                out.add(new Entry(word, t.text, t.line, t.endLine, Entry.Kind.KEY_VALUE));
            }
        }
        return Extraction.of(out);
    }

    private record Tok(String text, boolean string, int line, int endLine) {
    }

    private static List<Tok> tokens(String s) {
        return tokens(s, 1);
    }

    private static List<Tok> tokens(String s, int firstLine) {
        List<Tok> out = new ArrayList<>();
        int n = s.length();
        int line = firstLine;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-' || c == '#') {
                int e = s.indexOf('\n', i);
                e = e < 0 ? n : e;
                // commented-out statements still commit their literals: read the comment on its own
                String comment = s.substring(Math.min(e, i + (c == '#' ? 1 : 2)), e);
                if (comment.indexOf('\'') >= 0) {
                    out.add(new Tok(";", false, line, line));
                    out.addAll(tokens(comment, line));
                    out.add(new Tok(";", false, line, line));
                }
                i = e;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*' || c == '{' && i + 1 < n
                    && (s.charAt(i + 1) == '#' || s.charAt(i + 1) == '{' || s.charAt(i + 1) == '%')) {
                String close = c == '/' ? "*/" : s.charAt(i + 1) == '#' ? "#}" : s.charAt(i + 1) == '{' ? "}}" : "%}";
                int e = s.indexOf(close, i + 2);
                e = e < 0 ? n : e + 2;
                for (int k = i; k < e; k++) {
                    if (s.charAt(k) == '\n') {
                        line++;
                    }
                }
                if (c == '{' && s.charAt(i + 1) != '#') {
                    out.add(new Tok("{{}}", false, line, line)); // opaque Jinja: breaks any key-value adjacency
                }
                i = e;
            } else if (c == '\'') {
                int start = line;
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == '\'' && j + 1 < n && s.charAt(j + 1) == '\'') {
                        v.append('\'');
                        j += 2;
                        continue;
                    }
                    if (d == '\\' && j + 1 < n && s.charAt(j + 1) == '\'') {
                        v.append('\'');
                        j += 2;
                        continue;
                    }
                    if (d == '\'') {
                        j++;
                        break;
                    }
                    if (d == '\n') {
                        line++;
                    }
                    v.append(d);
                    j++;
                }
                out.add(new Tok(v.toString(), true, start, line));
                i = j;
            } else if (c == '$' && i + 1 < n && (s.charAt(i + 1) == '$' || Character.isLetter(s.charAt(i + 1)))) {
                // dollar quoting ($$ ... $$, $tag$ ... $tag$): a function body, skipped whole
                int tagEnd = s.indexOf('$', i + 1);
                if (tagEnd < 0 || tagEnd - i > 40) {
                    i++;
                    continue;
                }
                String tag = s.substring(i, tagEnd + 1);
                int e = s.indexOf(tag, tagEnd + 1);
                e = e < 0 ? n : e + tag.length();
                for (int k = i; k < e; k++) {
                    if (s.charAt(k) == '\n') {
                        line++;
                    }
                }
                out.add(new Tok("$$", false, line, line));
                i = e;
            } else if (c == '"' || c == '`') {
                int e = s.indexOf(c, i + 1);
                int nl = s.indexOf('\n', i + 1);
                e = e < 0 || (nl >= 0 && nl < e) ? (nl < 0 ? n : nl) : e + 1;
                out.add(new Tok(s.substring(i + 1, Math.max(i + 1, e - 1)), false, line, line));
                i = e;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Tok(s.substring(start, i), false, line, line));
            } else {
                out.add(new Tok(String.valueOf(c), false, line, line));
                i++;
            }
        }
        return out;
    }
}
