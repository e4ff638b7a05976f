package dev.lastmile.dbt.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one rendering records and spends as dbt calls run: the model's {@code config(...)}, its {@code ref()}s and
 * {@code source()}s, whether it asked {@code is_incremental()}, the loop budget, the {@code return()} slots of the
 * macro calls in progress, the warnings raised and the depth of vars rendered inside vars.
 *
 * <p>No state travels through {@code ThreadLocal}s of ours: the session belongs to the interpreter that renders the
 * model ({@link Interpreter}), and the built-ins find it through the interpreter Jinjava is running
 * ({@link #current()}). A call made outside a rendering (a macro file being loaded) finds none and records nothing.
 */
final class RenderSession {

    /** The loop budget of one rendering: iterations of every {@code for} loop and {@code range()}. */
    static final long LOOP_BUDGET = 1_000_000;
    /** Time the loops of one rendering may take, checked every 256 iterations. */
    static final long LOOP_TIME_BUDGET_NANOS = 10_000_000_000L;

    final String model;
    final boolean incremental;
    final Map<String, Object> config = new LinkedHashMap<>();
    final List<String> refs = new ArrayList<>();
    final List<String> sources = new ArrayList<>();
    boolean usedIncremental;
    /** Loop iterations so far: past {@link #LOOP_BUDGET}, every loop ends. */
    private long iterations;
    private boolean overBudget;
    /** When loops must stop however few their iterations (each may be dear: a deep macro call per step). */
    private final long deadline = System.nanoTime() + LOOP_TIME_BUDGET_NANOS;
    /** One slot per macro call in progress: {value, set?} for dbt's {@code return()}. */
    final ArrayDeque<Object[]> returnSlots = new ArrayDeque<>();
    /** How many times {@code exceptions.warn} or {@code exceptions.raise_compiler_error} ran. */
    int raised;
    /** How deep vars holding Jinja are being rendered inside each other. */
    int varDepth;

    RenderSession(String model, boolean incremental) {
        this.model = model;
        this.incremental = incremental;
    }

    /** Counts one loop iteration; false once the budget is spent (the loop must end). */
    boolean iterate() {
        if (overBudget) {
            return false;
        }
        if (++iterations > LOOP_BUDGET || (iterations & 255) == 0 && System.nanoTime() > deadline) {
            overBudget = true;
        }
        return !overBudget;
    }

    boolean overBudget() {
        return overBudget;
    }

    /** The session of the rendering Jinjava is running on this thread, or null outside one. */
    static RenderSession current() {
        return JinjavaInterpreter.getCurrent() instanceof Interpreter i ? i.session : null;
    }

    /** An interpreter that carries its rendering's session. */
    static final class Interpreter extends JinjavaInterpreter {
        final RenderSession session;

        Interpreter(Jinjava jinjava, Context context, RenderSession session) {
            super(jinjava, context, jinjava.getGlobalConfig());
            this.session = session;
        }
    }
}
