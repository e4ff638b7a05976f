package dev.lastmile.check.secrets.extract;

import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terraform and HCL ({@code .tf}, {@code .tfvars}, {@code .hcl}): {@code password = "..."} attributes and map
 * entries, and a {@code variable "db_password"} block's {@code default}, which names the value after the variable.
 * Interpolations ({@code "${var.x}"}) and expressions ({@code var.x}, {@code data.aws_secretsmanager...}) are not
 * string literals and are never taken.
 */
public final class TerraformExtractor implements Extractor {

    private static final Pattern ATTRIBUTE = Pattern.compile(
            "^\\s*\"?([A-Za-z_][A-Za-z0-9_.-]*)\"?\\s*=\\s*\"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\"\\s*,?\\s*(?:#.*|//.*)?$");
    private static final Pattern VARIABLE = Pattern.compile("^\\s*variable\\s+\"([^\"]+)\"\\s*\\{");

    @Override
    public String name() {
        return "terraform";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.hasExtension(path, "tf", "tfvars", "hcl");
    }

    @Override
    public Extraction extract(String text) {
        List<Entry> out = new ArrayList<>();
        List<String> lines = Texts.lines(text);
        String variable = null;
        int depth = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.length() > 10_000) {
                continue;
            }
            Matcher v = VARIABLE.matcher(line);
            if (v.find()) {
                variable = v.group(1);
                depth = 0;
            }
            Matcher a = ATTRIBUTE.matcher(line);
            if (a.matches()) {
                String key = a.group(1);
                String value = a.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
                if (variable != null && key.equals("default")) {
                    key = variable;
                }
                out.add(Entry.of(key, value, i + 1));
            }
            if (variable != null) {
                for (char c : line.toCharArray()) {
                    if (c == '{') {
                        depth++;
                    } else if (c == '}') {
                        depth--;
                    }
                }
                if (depth <= 0 && line.contains("}")) {
                    variable = null;
                }
            }
        }
        return Extraction.of(out);
    }
}
