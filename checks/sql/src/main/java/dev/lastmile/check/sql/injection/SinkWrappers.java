package dev.lastmile.check.sql.injection;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository's own wrappers around a sink: a macro whose parameter is the whole SQL it hands to {@code run_query}
 * or {@code adapter.execute} ({@code {% macro exec(sql) %}{% do run_query(sql) %}{% endmacro %}}). The analysis
 * describes the flow (parameter → executor); a call of the wrapper anywhere in the repository is then judged as a
 * call of the executor itself, with the argument in the parameter's place. One level: a wrapper of a wrapper is not
 * followed.
 */
public final class SinkWrappers {

    /** The parameter that reaches the executor, by name and position. */
    record Wrapper(String macro, String param, int index, String executor) {
    }

    private static final Pattern MACRO = Pattern.compile(
            "\\{%-?\\s*macro\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*-?%}(.*?)\\{%-?\\s*endmacro\\s*-?%}", Pattern.DOTALL);
    private static final Pattern PASS_THROUGH = Pattern.compile(
            "\\b((?:\\w+\\.)?run_query|adapter\\.execute)\\s*\\(\\s*(?:sql\\s*=\\s*)?(\\w+)\\s*[,)]");

    private final Map<String, Wrapper> byName;

    private SinkWrappers(Map<String, Wrapper> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** No wrappers: a single file judged on its own. */
    public static final SinkWrappers NONE = new SinkWrappers(Map.of());

    /** The wrappers defined in {@code macroFiles}, read by {@code read} (an unreadable file defines none). */
    public static SinkWrappers find(List<String> macroFiles, Function<String, java.util.Optional<String>> read) {
        Map<String, Wrapper> out = new HashMap<>();
        for (String path : macroFiles) {
            String text = read.apply(path).orElse("");
            if (!text.contains("run_query") && !text.contains("execute")) {
                continue;
            }
            Matcher m = MACRO.matcher(text);
            while (m.find()) {
                List<String> params = java.util.Arrays.stream(m.group(2).split(","))
                        .map(p -> p.split("=", 2)[0].trim()).filter(p -> !p.isEmpty()).toList();
                Matcher call = PASS_THROUGH.matcher(m.group(3));
                while (call.find()) {
                    int index = params.indexOf(call.group(2));
                    if (index >= 0) {
                        String executor = call.group(1).substring(call.group(1).lastIndexOf('.') + 1);
                        out.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), new Wrapper(m.group(1), call.group(2), index, executor));
                        break;
                    }
                }
            }
        }
        return new SinkWrappers(out);
    }

    /** The wrapper a call names ({@code exec} or {@code my_project.exec}), or null. */
    Wrapper of(String fn) {
        if (byName.isEmpty()) {
            return null;
        }
        return byName.get(fn.substring(fn.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
