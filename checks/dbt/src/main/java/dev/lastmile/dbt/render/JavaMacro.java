package dev.lastmile.dbt.render;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dbt built-in written in Java and called from Jinja like any macro. */
class JavaMacro extends MacroFunction {

    @FunctionalInterface
    interface Body {
        Object call(List<Object> args, Map<String, Object> kwargs);
    }

    private final Body body;

    JavaMacro(String name, Body body) {
        super(List.of(), name, new LinkedHashMap<>(), false, null, 0, 0);
        this.body = body;
    }

    @Override
    public Object doEvaluate(Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
        Object r = body.call(varArgs == null ? List.of() : varArgs, kwargMap == null ? Map.of() : kwargMap);
        return r == null ? "" : r;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
