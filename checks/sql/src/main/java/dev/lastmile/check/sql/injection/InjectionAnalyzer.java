package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.dbt.render.JinjaTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SQL-injection analysis of one file, called by the SQL check for every changed {@code .sql} and {@code .py}
 * file. Stateless and cheap: a file with none of the trigger tokens ({@code {{}, {@code {%}, {@code execute},
 * {@code call}, a Python sink name) costs one regular-expression scan.
 *
 * <ul>
 *   <li>{@code .sql} (dbt models, macros, analyses, tests): Jinja taint analysis (SQL010, SQL013, SQL014) and
 *       SQL-side dynamic SQL (SQL011).</li>
 *   <li>{@code .py} (dbt Python models, scripts, DAGs): SQL built by formatting and executed (SQL012).</li>
 *   <li>{@code .yml}/{@code .yaml}: dbt hooks ({@code pre-hook}, {@code post-hook}, {@code on-run-start},
 *       {@code on-run-end}) are executed templates (SQL013).</li>
 * </ul>
 * Never throws: a file it cannot follow gives an informational SQL019 finding instead.
 */
public final class InjectionAnalyzer {

    /** Files above this size are reported as not analysed rather than slowing every pull request down. */
    public static final int DEFAULT_MAX_CHARS = 2_000_000;

    /** Findings listed per file; more become one SQL019 note. */
    public static final int MAX_FINDINGS_PER_FILE = 500;

    private static final Pattern SQL_TRIGGER = Pattern.compile("\\{[{%]|(?i:\\b(?:execute|exec|call)\\b)");

    private final int maxChars;
    private final SinkWrappers wrappers;

    public InjectionAnalyzer() {
        this(DEFAULT_MAX_CHARS);
    }

    /** An analyzer with another size limit (tests, or a policy that raises it). */
    public InjectionAnalyzer(int maxChars) {
        this(maxChars, SinkWrappers.NONE);
    }

    /** An analyzer that knows the repository's own wrappers around a sink ({@link SinkWrappers}). */
    public InjectionAnalyzer(SinkWrappers wrappers) {
        this(DEFAULT_MAX_CHARS, wrappers);
    }

    private InjectionAnalyzer(int maxChars, SinkWrappers wrappers) {
        this.maxChars = maxChars;
        this.wrappers = wrappers;
    }

    /** True for the files this analyzer reads: {@code .sql}, {@code .py}, and YAML (for dbt hooks). */
    public static boolean handles(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".sql") || p.endsWith(".py") || p.endsWith(".yml") || p.endsWith(".yaml");
    }

    /**
     * The injection findings of one file, on the lines of the file as given. {@code text} is the file's decoded
     * content at head. Returns an empty list for other file types.
     */
    public List<Finding> analyze(String path, String text) {
        if (path == null || text == null || !handles(path)) {
            return List.of();
        }
        if (text.length() > maxChars) {
            return List.of(Finding.of(UnanalysableFile.META, path, Region.file(), "File has " + text.length()
                    + " characters, over the injection analysis limit of " + maxChars + "; it was not analysed."));
        }
        try {
            String lower = path.toLowerCase(Locale.ROOT);
            List<Finding> findings = lower.endsWith(".py") ? PythonSqlAnalyzer.analyze(path, text)
                    : lower.endsWith(".sql") ? analyzeSql(path, text, wrappers)
                    : DbtYamlHooks.analyze(path, text);
            return capped(path, findings);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug of ours must not lose the rest of the scan; say which file was not judged.
            return List.of(Finding.of(UnanalysableFile.META, path, Region.file(),
                    "The injection analysis failed on this file (" + e.getClass().getSimpleName()
                            + "); it was not judged. Please report this to the lastmile maintainers."));
        }
    }

    /** A generated file can hold thousands of hits; past the cap, one note says how many were left out. */
    private static List<Finding> capped(String path, List<Finding> findings) {
        if (findings.size() <= MAX_FINDINGS_PER_FILE) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.subList(0, MAX_FINDINGS_PER_FILE));
        out.add(Finding.of(UnanalysableFile.META, path, findings.get(MAX_FINDINGS_PER_FILE).region(),
                (findings.size() - MAX_FINDINGS_PER_FILE) + " more injection findings in this file are not listed "
                        + "(the first " + MAX_FINDINGS_PER_FILE + " are)."));
        return out;
    }

    /** What {@link DynamicSqlDetector#TRIGGER} needs, found without its regex walking the whole text (most files lack it). */
    private static boolean mayExecute(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("exec") || lower.contains("call");
    }

    /** The Jinja/SQL analysis of a dbt or Airflow SQL template (also used for templates inside Python strings). */
    static List<Finding> analyzeSql(String path, String text) {
        return analyzeSql(path, text, SinkWrappers.NONE);
    }

    static List<Finding> analyzeSql(String path, String text, SinkWrappers wrappers) {
        if (!SQL_TRIGGER.matcher(text).find()) {
            return List.of();
        }
        JinjaTokenizer segments = JinjaTokenizer.split(text);
        JinjaSqlAnalyzer jinja = new JinjaSqlAnalyzer(path, text, false, "the model", wrappers);
        jinja.run(segments.segments());
        List<Finding> out = new ArrayList<>(jinja.findings());
        if (mayExecute(text) && DynamicSqlDetector.TRIGGER.matcher(text).find()) {
            DynamicSqlDetector dynamic = new DynamicSqlDetector(path, text, segments.segments(), jinja.exprTaints(), jinja);
            dynamic.run();
            // A Jinja value concatenated into an EXECUTE is one problem: keep the dynamic-SQL finding only.
            java.util.Set<Integer> dynamicLines = new java.util.HashSet<>();
            dynamic.findings().forEach(f -> dynamicLines.add(f.line()));
            out.removeIf(f -> dynamicLines.contains(f.line()) && (f.ruleId().equals(UnquotedJinjaValueInSql.META.id())
                    || f.ruleId().equals(UntrustedJinjaIdentifier.META.id())));
            out.addAll(dynamic.findings());
        }
        for (String problem : segments.problems()) {
            int colon = problem.indexOf(':');
            int offset = Integer.parseInt(problem.substring(0, colon));
            out.add(Finding.of(UnanalysableFile.META, path, Region.line(jinja.line(offset)),
                    "Jinja: " + problem.substring(colon + 1) + "; the rest of the file was not analysed for injection."));
        }
        return out;
    }
}
