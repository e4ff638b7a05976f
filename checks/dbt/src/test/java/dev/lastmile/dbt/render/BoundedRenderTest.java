package dev.lastmile.dbt.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.ProjectFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendering is bounded: a short template that grows without end fails the rendering, not the scan's memory. */
class BoundedRenderTest {

    private static Rendered render(String template) {
        ProjectFiles files = ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n", "models/m.sql", template));
        JinjaRenderer r = new JinjaRenderer(DbtProject.load(files, null), files, Map.of());
        return r.render("models/m.sql", template, false);
    }

    @Test
    void aStringDoubledInALoopEndsTheRenderingNotTheScan() {
        // about 150 bytes: 2^60 characters if nothing stopped it
        Rendered r = render("{% set ns = namespace(s='xxxxxxxx') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
                + "select '{{ ns.s }}' as s");
        assertThat(r.failed()).isTrue();
        assertThat(r.sql().length()).isLessThan(1_000_000);
    }

    @Test
    void aListGrownInALoopEndsTheRendering() {
        Rendered r = render("{% set l = [1] %}{% for i in range(30) %}{% set l = l + l %}{% endfor %}select {{ l | length }} as n");
        assertThat(r.failed()).isTrue();
    }

    @Test
    void nestedEmptyLoopsEndAtTheLoopBudget() {
        // a billion iterations in 90 bytes
        Rendered r = render("{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
                + "{% endfor %}{% endfor %}{% endfor %}select 1 as x");
        assertThat(r.failed()).isTrue();
        assertThat(r.error()).contains("iterations");
        assertThat(r.sql()).contains("select 1 as x");
    }

    @Test
    void nearMissAThousandDaysRender() {
        // (Jinjava's range() itself stops at 1,000 elements)
        Rendered r = render("select * from ({% for d in range(1000) %}select {{ d }} as d{{ ' union all ' if not loop.last }}{% endfor %}) t");
        assertThat(r.failed()).isFalse();
        assertThat(r.sql()).contains("999 as d");
    }

    @Test
    void nearMissAModelThatLoopsALittleRendersNormally() {
        Rendered r = render("select {% for i in range(12) %}sum(m{{ i }}) as m{{ i }}{{ ',' if not loop.last }} {% endfor %} from t");
        assertThat(r.failed()).isFalse();
        assertThat(r.sql()).contains("m11");
    }
}
