package dev.lastmile.check.residency.dbt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The production target of a dbt {@code profiles.yml}: the one the policy names ({@code residency.target}), else the
 * profile's default {@code target:}. Only that target decides where models are written: a developer's {@code dev}
 * target in another region is not production. Values written as {@code {{ env_var('X', 'default') }}} read as their
 * default; other Jinja is unresolved.
 */
public final class Profiles {

    /** The chosen target. {@code settings} values are strings (Jinja defaults applied; unresolvable Jinja removed). */
    public record Target(String file, String profile, String name, boolean namedByPolicy, Map<String, String> settings,
                         List<String> available, Map<String, String> unresolved) {
        public String type() {
            return settings.getOrDefault("type", "");
        }

        public Optional<String> get(String key) {
            return Optional.ofNullable(settings.get(key)).filter(s -> !s.isBlank());
        }
    }

    /** What reading the profile found: a target, or why there is none. */
    public record Result(Optional<Target> target, String file, String problem, int problemLine) {
    }

    private static final Pattern ENV_VAR_DEFAULT = Pattern.compile(
            "^\\{\\{-?\\s*env_var\\(\\s*['\"][^'\"]*['\"]\\s*,\\s*['\"]([^'\"]*)['\"]\\s*\\)\\s*-?}}$");

    private Profiles() {
    }

    /** The candidate locations of {@code profiles.yml}, as dbt projects keep them in repositories. */
    public static List<String> candidates(String root) {
        return List.of(root + "profiles.yml", "profiles.yml", root + "ci/profiles.yml", ".dbt/profiles.yml",
                root + ".dbt/profiles.yml");
    }

    @SuppressWarnings("unchecked")
    public static Result read(List<String> files, Function<String, Optional<String>> reader, String root,
                              String profileName, Optional<String> policyTarget) {
        String file = null;
        for (String c : candidates(root)) {
            if (files.contains(c)) {
                file = c;
                break;
            }
        }
        if (file == null) {
            // projects also keep it in a folder of their own (profile/, ci/, .github/): take the shallowest one
            file = files.stream()
                    .filter(p -> p.endsWith("/profiles.yml") && p.startsWith(root) && !p.contains("dbt_packages/"))
                    .min(java.util.Comparator.comparingInt((String p) -> p.split("/").length).thenComparing(p -> p))
                    .orElse(null);
        }
        if (file == null) {
            return new Result(Optional.empty(), "", "no profiles.yml in the repository", 0);
        }
        Object doc;
        try {
            LoaderOptions o = new LoaderOptions();
            o.setMaxAliasesForCollections(50);
            o.setCodePointLimit(2 * 1024 * 1024);
            doc = new Yaml(new SafeConstructor(o)).load(reader.apply(file).orElse(""));
        } catch (RuntimeException e) {
            int line = 1;
            if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException my && my.getProblemMark() != null) {
                line = my.getProblemMark().getLine() + 1;
            }
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\\R", 2)[0];
            return new Result(Optional.empty(), file, "profiles.yml could not be read: " + msg, line);
        }
        if (!(doc instanceof Map<?, ?> profiles)) {
            return new Result(Optional.empty(), file, "profiles.yml holds no profiles", 1);
        }
        Object prof = profileName == null ? null : profiles.get(profileName);
        String name = profileName;
        if (!(prof instanceof Map<?, ?>)) {
            List<Map.Entry<?, ?>> withOutputs = new ArrayList<>();
            for (Map.Entry<?, ?> e : profiles.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> m && m.get("outputs") instanceof Map<?, ?>) {
                    withOutputs.add(e);
                }
            }
            if (withOutputs.size() != 1) {
                return new Result(Optional.empty(), file, "profiles.yml has no profile '" + profileName + "'", 1);
            }
            prof = withOutputs.getFirst().getValue();
            name = String.valueOf(withOutputs.getFirst().getKey());
        }
        Map<?, ?> pm = (Map<?, ?>) prof;
        if (!(pm.get("outputs") instanceof Map<?, ?> outputs) || outputs.isEmpty()) {
            return new Result(Optional.empty(), file, "profile '" + name + "' has no outputs", 1);
        }
        List<String> available = outputs.keySet().stream().map(String::valueOf).toList();
        String targetName = policyTarget.orElseGet(() -> pm.get("target") == null
                ? available.getFirst() : clean(String.valueOf(pm.get("target"))));
        Object out = outputs.get(targetName);
        if (!(out instanceof Map<?, ?> om)) {
            return new Result(Optional.empty(), file, (policyTarget.isPresent() ? "residency.target names '" : "the default target '")
                    + targetName + "', which profile '" + name + "' does not define (targets: " + String.join(", ", available) + ")", 1);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> unresolved = new LinkedHashMap<>();
        om.forEach((k, v) -> {
            if (v != null && !(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
                String s = clean(String.valueOf(v));
                if (s != null) {
                    settings.put(String.valueOf(k), s);
                } else {
                    unresolved.put(String.valueOf(k), String.valueOf(v).trim());
                }
            }
        });
        return new Result(Optional.of(new Target(file, name, targetName, policyTarget.isPresent(), settings, available, unresolved)),
                file, "", 0);
    }

    /** A value with {@code env_var('X', 'default')} reads as its default; other Jinja as unknown (null). */
    static String clean(String v) {
        String s = v.trim();
        if (!s.contains("{{")) {
            return s;
        }
        Matcher m = ENV_VAR_DEFAULT.matcher(s);
        return m.matches() ? m.group(1) : null;
    }
}
