package dev.lastmile.dbt.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A dbt project's {@code profiles.yml}, found where dbt and teams keep it in a repository, and its targets. The one
 * place lastmile reads profiles: the dialect of the SQL check and the production target of the residency check come
 * from the same file and the same target.
 *
 * <p>Where: the folder a CI workflow, Makefile, Dockerfile or env file names in {@code DBT_PROFILES_DIR} or
 * {@code --profiles-dir} (dbt's own precedence puts these first), then the project root, the repository root,
 * {@code ci/}, {@code .dbt/} and {@code profiles/} folders, then the shallowest {@code profiles.yml} under the project.
 *
 * <p>Which target: the one the caller names (the residency policy's {@code target}), else the profile's default
 * {@code target:}. Values written as {@code {{ env_var('X', 'default') }}} read as their default; other Jinja is
 * unresolved (kept aside in {@link Target#unresolved()}).
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
        public static final Result NONE = new Result(Optional.empty(), "", "", 0);
    }

    private static final Pattern ENV_VAR_DEFAULT = Pattern.compile(
            "^\\{\\{-?\\s*env_var\\(\\s*['\"][^'\"]*['\"]\\s*,\\s*['\"]([^'\"]*)['\"]\\s*\\)\\s*-?}}$");
    /** {@code DBT_PROFILES_DIR: ./ci}, {@code export DBT_PROFILES_DIR=$(pwd)/profiles}, {@code --profiles-dir ci}. */
    private static final Pattern PROFILES_DIR = Pattern.compile(
            "(?:DBT_PROFILES_DIR['\"]?\\s*[:=]|--profiles-dir[=\\s])\\s*['\"]?([^'\"\\s#;]+)");
    /** Files where teams set {@code DBT_PROFILES_DIR}: CI workflows, make, docker, env files, scripts. */
    private static final Pattern SETTING_FILE = Pattern.compile(
            "(?i)(?:^|/)(?:\\.github/workflows/[^/]+\\.ya?ml|\\.gitlab-ci\\.yml|\\.circleci/config\\.yml|azure-pipelines\\.ya?ml"
                    + "|bitbucket-pipelines\\.yml|makefile|dockerfile[^/]*|docker-compose[^/]*\\.ya?ml|\\.env[^/]*|[^/]+\\.sh|tox\\.ini)$");

    private final String file;
    private final Map<?, ?> document;
    private final Result unreadable;
    private final String profileName;

    private Profiles(String file, Map<?, ?> document, Result unreadable, String profileName) {
        this.file = file;
        this.document = document;
        this.unreadable = unreadable;
        this.profileName = profileName;
    }

    /**
     * Finds and reads the profiles of the project at {@code root} ({@code ""} or ending in {@code /}) whose
     * {@code dbt_project.yml} names {@code profileName}. Never throws: an unreadable file is a {@link Result#problem()}.
     */
    public static Profiles find(List<String> files, Function<String, Optional<String>> reader, String root, String profileName) {
        String file = locate(files, reader, root);
        if (file == null) {
            return new Profiles("", null, new Result(Optional.empty(), "", "no profiles.yml in the repository", 0), profileName);
        }
        Object doc;
        try {
            LoaderOptions o = new LoaderOptions();
            o.setMaxAliasesForCollections(50);
            o.setCodePointLimit(2 * 1024 * 1024);
            String yaml = reader.apply(file).orElse("");
            dev.lastmile.core.util.YamlGuard.check(yaml); // long lines and duplicate keys: see there
            doc = new Yaml(new SafeConstructor(o)).load(yaml);
        } catch (RuntimeException e) {
            int line = 1;
            if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException my && my.getProblemMark() != null) {
                line = my.getProblemMark().getLine() + 1;
            }
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\\R", 2)[0];
            return new Profiles(file, null, new Result(Optional.empty(), file, "profiles.yml could not be read: " + msg, line), profileName);
        }
        if (!(doc instanceof Map<?, ?> profiles)) {
            return new Profiles(file, null, new Result(Optional.empty(), file, "profiles.yml holds no profiles", 1), profileName);
        }
        return new Profiles(file, profiles, null, profileName);
    }

    /** Reads the profile and picks a target in one call (the named one, else the default). */
    public static Result read(List<String> files, Function<String, Optional<String>> reader, String root,
                              String profileName, Optional<String> target) {
        return find(files, reader, root, profileName).target(target);
    }

    /** The file read, or {@code ""} when none was found. */
    public String file() {
        return file;
    }

    /** The target {@code named} (when present), else the profile's default target. */
    public Result target(Optional<String> named) {
        if (unreadable != null) {
            return unreadable;
        }
        Object prof = profileName == null ? null : document.get(profileName);
        String name = profileName;
        if (!(prof instanceof Map<?, ?>)) {
            List<Map.Entry<?, ?>> withOutputs = new ArrayList<>();
            for (Map.Entry<?, ?> e : document.entrySet()) {
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
        String targetName = named.orElseGet(() -> {
            String dflt = pm.get("target") == null ? null : clean(String.valueOf(pm.get("target")));
            return dflt == null ? available.getFirst() : dflt;
        });
        Object out = outputs.get(targetName);
        if (!(out instanceof Map<?, ?> om)) {
            return new Result(Optional.empty(), file, (named.isPresent() ? "residency.target names '" : "the default target '")
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
        return new Result(Optional.of(new Target(file, name, targetName, named.isPresent(), settings, available, unresolved)),
                file, "", 0);
    }

    /** The {@code profiles.yml} dbt would read for the project at {@code root}, or null. */
    static String locate(List<String> files, Function<String, Optional<String>> reader, String root) {
        // another dbt project nested inside this one (integration_tests/) keeps its own profiles: never this one's
        List<String> nested = files.stream()
                .filter(p -> p.endsWith("/dbt_project.yml") && p.startsWith(root) && !installed(p))
                .map(p -> p.substring(0, p.length() - "dbt_project.yml".length()))
                .filter(dir -> !dir.equals(root))
                .toList();
        LinkedHashSet<String> candidates = new LinkedHashSet<>(declaredDirs(files, reader, root));
        candidates.addAll(List.of(root + "profiles.yml", "profiles.yml", root + "ci/profiles.yml", ".dbt/profiles.yml",
                root + ".dbt/profiles.yml", root + "profiles/profiles.yml", "profiles/profiles.yml"));
        java.util.Set<String> present = new java.util.HashSet<>(files);
        for (String c : candidates) {
            if (present.contains(c) && nested.stream().noneMatch(c::startsWith)) {
                return c;
            }
        }
        // projects also keep it in a folder of their own (profile/, deploy/): the shallowest one under the project,
        // unless several lie equally deep (profiles/bigquery/, profiles/snowflake/...: one per adapter, none of them
        // production's)
        List<String> found = files.stream()
                .filter(p -> (p.endsWith("/profiles.yml") || p.equals("profiles.yml")) && p.startsWith(root) && !installed(p))
                .filter(p -> nested.stream().noneMatch(p::startsWith))
                .toList();
        int depth = found.stream().mapToInt(p -> p.split("/").length).min().orElse(0);
        List<String> shallowest = found.stream().filter(p -> p.split("/").length == depth).toList();
        return shallowest.size() == 1 ? shallowest.getFirst() : null;
    }

    /**
     * {@code <dir>/profiles.yml} for every folder the repository's CI, make, docker and env files name as
     * {@code DBT_PROFILES_DIR} or {@code --profiles-dir}, resolved against the repository root and the project root
     * (runner prefixes such as {@code ${{ github.workspace }}/} or {@code $(pwd)/} removed).
     */
    static List<String> declaredDirs(List<String> files, Function<String, Optional<String>> reader, String root) {
        List<String> out = new ArrayList<>();
        for (String p : files) {
            if (!SETTING_FILE.matcher(p).find() || installed(p)) {
                continue;
            }
            String text = reader.apply(p).orElse("");
            if (!text.contains("DBT_PROFILES_DIR") && !text.contains("--profiles-dir")) {
                continue;
            }
            // GitHub's ${{ github.workspace }} holds spaces: the repository root, written as ./ before matching
            Matcher m = PROFILES_DIR.matcher(text.replaceAll("\\$\\{\\{\\s*github\\.workspace\\s*}}/?", "./"));
            while (m.find()) {
                String dir = relativeDir(m.group(1));
                if (dir == null) {
                    continue;
                }
                String base = p.contains("/") && !p.startsWith(".") ? p.substring(0, p.lastIndexOf('/') + 1) : "";
                for (String prefix : List.of(base, root, "")) {
                    out.add(prefix + dir + "profiles.yml");
                }
            }
        }
        return out;
    }

    /** A DBT_PROFILES_DIR value as a folder of the repository ({@code ""} or ending in {@code /}), or null. */
    static String relativeDir(String raw) {
        String v = raw.trim();
        v = v.replaceFirst("^\\$\\{\\{\\s*github\\.workspace\\s*}}/?", "")
                .replaceFirst("^\\$\\{?(?:GITHUB_WORKSPACE|CI_PROJECT_DIR|PWD|CIRCLE_WORKING_DIRECTORY)}?/?", "")
                .replaceFirst("^\\$\\((?:pwd)\\)/?", "")
                .replaceFirst("^\\$\\{?(?:CURDIR)}?/?", "")
                .replaceFirst("^\\./", "");
        if (v.equals(".") || v.isEmpty()) {
            return "";
        }
        if (v.startsWith("/") || v.startsWith("~") || v.contains("$") || v.contains("{") || v.contains("..")) {
            return null;   // a path outside the repository (the runner's home) or one only the run knows
        }
        if (v.toLowerCase(Locale.ROOT).endsWith("profiles.yml")) {
            v = v.substring(0, v.length() - "profiles.yml".length());
        }
        return v.isEmpty() || v.endsWith("/") ? v : v + "/";
    }

    private static boolean installed(String p) {
        return p.contains("dbt_packages/") || p.contains("dbt_modules/") || p.contains("node_modules/");
    }

    /** A value with {@code env_var('X', 'default')} reads as its default; other Jinja as unknown (null). */
    public static String clean(String v) {
        String s = v.trim();
        if (!s.contains("{{")) {
            return s;
        }
        Matcher m = ENV_VAR_DEFAULT.matcher(s);
        return m.matches() ? m.group(1) : null;
    }
}
