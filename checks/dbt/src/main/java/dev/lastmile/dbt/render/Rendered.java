package dev.lastmile.dbt.render;

import java.util.List;
import java.util.Map;

/**
 * One rendering of a model's Jinja.
 *
 * @param sql            the SQL dbt would compile, with dbt calls replaced by {@link dev.lastmile.dbt.model.Placeholders}
 * @param lineMap        {@code lineMap[r]} is the source line (1-based) that rendered line {@code r} (1-based) came
 *                       from; index 0 is unused
 * @param incremental    whether {@code is_incremental()} was true in this rendering
 * @param config         the keyword arguments of {@code config(...)}
 * @param refs           models named in {@code ref()}, in order of appearance
 * @param sources        {@code source_name.table_name} of every {@code source()}
 * @param unknownMacros  macros the project does not define, rendered as a neutral placeholder
 * @param usedIncremental whether the template called {@code is_incremental()} at all
 * @param error          a Jinja error that forced the regex fallback rendering, else empty
 */
public record Rendered(String sql, int[] lineMap, boolean incremental, Map<String, Object> config, List<String> refs,
                       List<String> sources, List<String> unknownMacros, boolean usedIncremental, String error) {

    /** The source line of a rendered line; out-of-range lines clamp to the nearest known one. */
    public int sourceLine(int renderedLine) {
        if (lineMap.length <= 1) {
            return Math.max(1, renderedLine);
        }
        int r = Math.max(1, Math.min(renderedLine, lineMap.length - 1));
        return Math.max(1, lineMap[r]);
    }

    public boolean failed() {
        return !error.isEmpty();
    }
}
