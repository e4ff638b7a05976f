package dev.lastmile.dbt.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.ProjectFiles;
import dev.lastmile.dbt.model.Placeholders;
import java.util.List;
import java.util.Map;

/**
 * Renders dbt Jinja with Jinjava, without a warehouse. The work is split by job:
 * <ul>
 *   <li>{@link DbtContext}: dbt's context and built-ins ({@code ref}, {@code source}, {@code config}, {@code var},
 *       {@code env_var}, {@code is_incremental}, {@code this}, {@code target}, {@code adapter}, {@code modules}, ...);
 *   <li>{@link MacroLibrary}: the project's and its packages' macros, {@code adapter.dispatch}, placeholders for
 *       macros nobody defines (never nothing);
 *   <li>{@link TemplateRewrites}: the named rewrites that let Jinjava read dbt's Python-flavoured Jinja;
 *   <li>this class: rendering, each branch of {@code is_incremental()} in its own rendering, with a
 *       {@link RenderSession} per rendering (what it records, its loop budget; no {@code ThreadLocal}s);
 *   <li>{@link JinjaFallback}: every tag blanked when Jinjava fails, lines kept;
 *   <li>{@link JinjaTokenizer}: the one Jinja tokeniser, shared with the injection analysis.
 * </ul>
 *
 * <p>One renderer per {@link DbtProject}: it reads that project's macro files, vars and profile once, so each project
 * of a repository renders with its own. {@link #render} is thread-safe.
 */
public final class JinjaRenderer {

    /** The longest string (and so output) one rendering may build: 20 MB of SQL is no model. */
    static final long RENDER_BUDGET_CHARS = 20L * 1024 * 1024;

    private final DbtProject project;
    private final Jinjava jinjava;
    private final MacroLibrary library;

    public JinjaRenderer(DbtProject project, ProjectFiles files, Map<String, Object> policyVars) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(JinjaRenderer.class.getClassLoader());
        try {
            this.project = project;
            this.jinjava = new Jinjava(JinjavaConfig.newBuilder()
                    .withFailOnUnknownTokens(false)
                    .withMaxOutputSize(RENDER_BUDGET_CHARS)
                    // bounded work: a string doubled in a loop, or a list or dict grown in one, ends the rendering
                    // (then the fallback) instead of the scan's memory; no real model comes near these
                    .withMaxStringLength(RENDER_BUDGET_CHARS)
                    .withMaxListSize(100_000)
                    .withMaxMapSize(100_000)
                    .withMaxRenderDepth(20)
                    .withMaxMacroRecursionDepth(20)
                    .withEnableRecursiveMacroCalls(true)
                    .withNestedInterpretationEnabled(false)
                    .build());
            Context g = jinjava.getGlobalContext();
            this.library = new MacroLibrary(jinjava, project.dialect().id());
            DbtContext.install(g, library, project, policyVars == null ? Map.of() : Map.copyOf(policyVars));
            NativeFilters.all().forEach(g::registerFilter);
            g.registerTag(new BoundedLoops.ForTagWithBudget());
            library.load(project, files);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** True when the project's own macro files define {@code name} ({@code generate_schema_name}, say). */
    public boolean projectDefines(String name) {
        return library.projectDefines(name);
    }

    /**
     * Renders {@code template} (the text of {@code path}) with {@code is_incremental()} as given. Callable from any
     * thread: Jinjava finds classes through the thread's context class loader, which on a pool thread under a Lambda
     * runtime or {@code exec:java} is the system loader, so this module's loader is set for the call.
     */
    public Rendered render(String path, String template, boolean incremental) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        ClassLoader ours = JinjaRenderer.class.getClassLoader();
        if (previous == ours) {
            return renderWithLoader(path, template, incremental);
        }
        t.setContextClassLoader(ours);
        try {
            return renderWithLoader(path, template, incremental);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private Rendered renderWithLoader(String path, String template, boolean incremental) {
        String model = DbtProject.modelName(path);
        RenderSession state = new RenderSession(model, incremental);
        String pre = TemplateRewrites.apply(template, library::dispatchTarget);
        String marked = LineMarkers.mark(pre);
        Context ctx = new Context(jinjava.getGlobalContext());
        ctx.put("this", new DbtContext.RelationObject(Placeholders.THIS, model));
        ctx.put("model", Map.of("name", model, "alias", model, "unique_id", "model." + project.name() + "." + model,
                "config", Map.of(), "path", path));
        List<String> unknown = library.registerUnknown(ctx, pre);
        JinjavaInterpreter interp = new RenderSession.Interpreter(jinjava, ctx, state);
        String out;
        String error = "";
        try {
            JinjavaInterpreter.pushCurrent(interp);
            try {
                out = interp.render(marked);
            } finally {
                JinjavaInterpreter.popCurrent();
            }
            for (TemplateError e : interp.getErrors()) {
                if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                    error = "line " + e.getLineno() + ": " + e.getMessage();
                    break;
                }
            }
            if (state.overBudget()) {
                error = "the template's loops ran over " + RenderSession.LOOP_BUDGET + " iterations or "
                        + RenderSession.LOOP_TIME_BUDGET_NANOS / 1_000_000_000 + " s; rendering stopped there";
            }
        } catch (RuntimeException | StackOverflowError e) {
            out = null;
            error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).split("\\R", 2)[0];
        }
        if (out == null || !error.isEmpty()) {
            String fallback = JinjaFallback.strip(template, state);
            int lines = fallback.split("\n", -1).length;
            int[] identity = new int[lines + 1];
            for (int i = 1; i <= lines; i++) {
                identity[i] = i;
            }
            return new Rendered(fallback, identity, incremental, state.config, state.refs, state.sources,
                    unknown, state.usedIncremental || template.contains("is_incremental"), error.isEmpty() ? "render failed" : error);
        }
        LineMarkers.Unmarked u = LineMarkers.unmark(out);
        return new Rendered(u.text(), u.lineMap(), incremental, state.config, state.refs, state.sources,
                unknown, state.usedIncremental, "");
    }

    /**
     * Calls one macro of the project's library ({@code generate_schema_name(custom, node)}) with the given variables
     * in scope ({@code locals} also overrides globals such as {@code target}), and returns what it prints or returns,
     * stripped; empty when it failed or still holds a placeholder. Thread-safe.
     *
     * @param call a Jinja expression naming only {@code locals}, e.g. {@code generate_schema_name(custom, node)}
     * @param error receives the failure's description, when there is one
     */
    public java.util.Optional<String> evaluate(String call, Map<String, Object> locals, java.util.function.Consumer<String> error) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(JinjaRenderer.class.getClassLoader());
        Context ctx = new Context(jinjava.getGlobalContext());
        locals.forEach(ctx::put);
        JinjavaInterpreter interp = new RenderSession.Interpreter(jinjava, ctx, new RenderSession("", false));
        try {
            JinjavaInterpreter.pushCurrent(interp);
            String out;
            try {
                out = interp.render("{{ " + call + " }}").strip();
            } finally {
                JinjavaInterpreter.popCurrent();
            }
            for (TemplateError e : interp.getErrors()) {
                if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                    error.accept(e.getMessage());
                    return java.util.Optional.empty();
                }
            }
            return out.isEmpty() || out.contains("{{") || out.contains(Placeholders.UNKNOWN)
                    ? java.util.Optional.empty() : java.util.Optional.of(out);
        } catch (RuntimeException | StackOverflowError e) {
            error.accept(e.getClass().getSimpleName() + ": " + e.getMessage());
            return java.util.Optional.empty();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
