/**
 * One intermediate model per warehouse, written the way that warehouse's users write it: the constructs JSqlParser
 * 5.4 is measured against on real projects (docs/sql-coverage.md), so the synthetic coverage figure per dialect is
 * not the same SQL six times. Columns follow GenerateProject's staging models (id, customer_email, amount,
 * event_at, status).
 */
final class DialectIdioms {

    private DialectIdioms() {
    }

    static String model(String dialect, String staging, String id) {
        String ref = "{{ ref('" + staging + "') }}";
        return switch (dialect) {
            case "bigquery" -> """
                    {{ config(materialized='table', partition_by={'field': 'event_day', 'data_type': 'date'}) }}
                    with events as (
                        select * except (customer_email), from %s
                        where event_at >= timestamp_sub(current_timestamp(), interval {{ var('lookback_days') }} day)
                    ),
                    parts as (
                        select %s as id, part, pos
                        from events, unnest(split(status, '-')) as part with offset as pos
                    )
                    select
                        id,
                        date(event_at) as event_day,
                        array_agg(part ignore nulls order by pos limit 3)[safe_offset(0)] as first_part,
                        safe_cast(amount as numeric) as amount,
                        r'\\d+' as pattern, "double quoted" as label,
                    from parts
                    join events using (id)
                    qualify row_number() over (partition by id order by event_at desc) = 1
                    """.formatted(ref, id);
            case "snowflake" -> """
                    {{ config(materialized='incremental', unique_key='id') }}
                    with events as (
                        select %s as id, parse_json(status) as payload, amount, event_at from %s
                        {%% if is_incremental() %%}
                        where event_at > (select max(event_at) from {{ this }})
                        {%% endif %%}
                    ),
                    items as (
                        select e.id, f.value:sku::string as sku, f.value:qty::number as qty, e.payload:channel::varchar as channel
                        from events e, lateral flatten(input => e.payload:items) f
                    )
                    select
                        id,
                        iff(qty > 0, sku, null) as sku,
                        listagg(channel, ',') within group (order by channel) as channels,
                        sum(qty) as qty,
                        parse_json(channel)::array as channel_list
                    from items
                    group by 1, 2
                    qualify row_number() over (partition by id order by qty desc) = 1
                    """.formatted(id, ref);
            case "redshift" -> """
                    {{ config(materialized='table', dist='id', sort=['event_at']) }}
                    with events as (
                        select %s as id, status::varchar(32) as status, amount::decimal(18, 2) as amount, event_at
                        from %s
                        where event_at >= dateadd(day, -{{ var('lookback_days') }}, getdate())
                    )
                    select
                        id,
                        nvl(status, 'unknown') as status,
                        listagg(distinct status, ',') within group (order by status) as statuses,
                        date_trunc('week', event_at) as event_week,
                        sum(amount) as amount,
                        convert_timezone('UTC', 'Europe/Berlin', max(event_at)) as last_event_local
                    from events
                    group by 1, 2, 4
                    """.formatted(id, ref);
            case "postgres" -> """
                    {{ config(materialized='view') }}
                    with events as (
                        select distinct on (%s) %s as id, status::text as status, amount, event_at
                        from %s
                        where event_at >= current_date - interval '{{ var('lookback_days') }} days'
                          and status ilike 'paid%%'
                        order by %s, event_at desc
                    )
                    select
                        id,
                        (status::jsonb ->> 'channel') as channel,
                        coalesce(amount, 0)::numeric(18, 2) as amount,
                        to_char(event_at, 'YYYY-MM') as event_month,
                        count(*) filter (where amount > 0) over (partition by id) as paid_events
                    from events
                    """.formatted(id, id, ref, id);
            case "databricks", "spark" -> """
                    {{ config(materialized='incremental', file_format='delta', incremental_strategy='merge', unique_key='id') }}
                    with events as (
                        select %s as id, split(status, '-') as parts, amount, event_at
                        from %s
                        where event_at >= date_sub(current_date(), {{ var('lookback_days') }})
                    ),
                    exploded as (
                        select id, part, amount, event_at
                        from events
                        lateral view explode(parts) ex as part
                    )
                    select
                        id,
                        collect_set(part) as parts,
                        sum(if(part == 'paid', amount, 0)) as paid_amount,
                        max(event_at) + interval 1 day 12 hours as settle_by,
                        transform(collect_list(amount), x -> x * 100) as cents
                    from exploded
                    left anti join {{ ref('%s') }} s on s.%s = exploded.id and s.status = 'test'
                    group by id
                    distribute by id
                    """.formatted(id, ref, staging, id);
            case "duckdb" -> """
                    {{ config(materialized='table') }}
                    with events as (
                        select * exclude (customer_email) from %s
                        where event_at >= current_date - interval {{ var('lookback_days') }} day
                    )
                    select
                        %s as id,
                        strftime(event_at, '%%Y-%%m') as event_month,
                        amount::decimal(18, 2) as amount,
                        list(status order by event_at) as statuses,
                        status == 'paid' as is_paid,
                    from events
                    qualify row_number() over (partition by %s order by event_at desc) = 1
                    """.formatted(ref, id, id);
            default -> throw new IllegalArgumentException("no idioms for " + dialect);
        };
    }
}
