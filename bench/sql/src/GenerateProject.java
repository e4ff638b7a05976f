import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a synthetic dbt project of N models shaped like real ones: sources with PII metadata, staging models,
 * intermediate joins with macros, loops and incremental branches, and marts in the dbt CTE style (some with the
 * problems the SQL check exists for). Deterministic for a given N, so CI compares like with like.
 *
 * usage: GenerateProject DIR N [dialect]
 */
public final class GenerateProject {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String dialect = args.length > 2 ? args[2] : "snowflake";
        Random rnd = new Random(n);
        write(dir, "dbt_project.yml", "name: synth\nprofile: synth\nmodel-paths: [models]\nmacro-paths: [macros]\n"
                + "vars:\n  lookback_days: 30\nmodels:\n  synth:\n    staging: {+materialized: view}\n    marts: {+materialized: table}\n");
        write(dir, "profiles.yml", "synth:\n  target: prod\n  outputs:\n    prod: {type: " + dialect + ", schema: analytics}\n");
        write(dir, "macros/cents.sql", """
                {% macro cents_to_dollars(col, scale=2) -%}
                    {{ return(adapter.dispatch('cents_to_dollars')(col, scale)) }}
                {%- endmacro %}
                {% macro default__cents_to_dollars(col, scale) -%}
                    round({{ col }} / 100.0, {{ scale }})
                {%- endmacro %}
                """);
        int sources = Math.max(5, n / 10);
        StringBuilder yml = new StringBuilder("version: 2\nsources:\n  - name: app\n    tables:\n");
        for (int s = 0; s < sources; s++) {
            yml.append("      - name: t").append(s).append("\n        columns:\n")
                    .append("          - name: id\n          - name: customer_email\n            meta: {contains_pii: true}\n")
                    .append("          - name: amount_cents\n          - name: event_at\n          - name: status\n");
        }
        write(dir, "models/staging/sources.yml", yml.toString());
        int staging = sources;
        int intermediate = Math.max(1, (n - staging) / 2);
        int marts = Math.max(1, n - staging - intermediate);
        for (int s = 0; s < staging; s++) {
            write(dir, "models/staging/stg_t" + s + ".sql", """
                    with source as (
                        select * from {{ source('app', 't%d') }}
                    ),
                    renamed as (
                        select
                            id as t%d_id,
                            customer_email,
                            {{ cents_to_dollars('amount_cents') }} as amount,
                            cast(event_at as timestamp) as event_at,
                            lower(status) as status,
                        from source
                    )
                    select * from renamed
                    """.formatted(s, s));
        }
        for (int i = 0; i < intermediate; i++) {
            int a = rnd.nextInt(staging);
            int b = rnd.nextInt(staging);
            boolean incremental = i % 5 == 0;
            write(dir, "models/intermediate/int_" + i + ".sql", """
                    {{ config(materialized='%s') }}
                    {%% set statuses = ['new', 'paid', 'shipped'] %%}
                    with a as (
                        select * from {{ ref('stg_t%d') }}
                        {%% if is_incremental() %%}
                        where event_at > (select max(event_at) from {{ this }})
                        {%% endif %%}
                    ),
                    b as (
                        select * from {{ ref('stg_t%d') }}
                    )
                    select
                        a.t%d_id as id,
                        {%% for s in statuses %%}
                        sum(case when a.status = '{{ s }}' then a.amount else 0 end) as {{ s }}_amount,
                        {%% endfor %%}
                        count(distinct b.t%d_id) as matches,
                        max(a.event_at) as last_event_at
                    from a
                    left join b on b.status = a.status
                    where a.event_at >= dateadd(day, -{{ var('lookback_days') }}, current_date)
                    group by 1
                    """.formatted(incremental ? "incremental" : "table", a, b, a, b));
        }
        // every tenth intermediate model is written in its warehouse's own idiom, so coverage per dialect means something
        for (int i = 0; i < intermediate; i += 10) {
            int a = rnd.nextInt(staging);
            write(dir, "models/intermediate/int_" + i + ".sql", DialectIdioms.model(dialect, "stg_t" + a, "t" + a + "_id"));
        }
        for (int m = 0; m < marts; m++) {
            int x = rnd.nextInt(intermediate);
            int s = rnd.nextInt(staging);
            String problem = m % 10 == 0 ? "s.customer_email," : "sha2(s.customer_email) as customer_key,";
            write(dir, "models/marts/mart_" + m + ".sql", """
                    with metrics as (
                        select * from {{ ref('int_%d') }}
                    ),
                    customers as (
                        select * from {{ ref('stg_t%d') }}
                    ),
                    final as (
                        select
                            metrics.id,
                            %s
                            metrics.paid_amount,
                            metrics.last_event_at
                        from metrics
                        join customers s on s.t%d_id = metrics.id
                    )
                    select * from final
                    """.formatted(x, s, problem, s));
        }
        System.out.printf("wrote %d models (%d staging, %d intermediate, %d marts) to %s%n", staging + intermediate + marts,
                staging, intermediate, marts, dir);
    }

    private static void write(Path dir, String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
