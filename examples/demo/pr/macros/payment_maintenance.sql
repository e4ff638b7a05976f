{#- lastmile demo: the SQL-injection rules. Each macro below shows one rule; the comment above it names the rule
    and the safe way to write it. See docs/sql-injection.md. -#}

{#- SQL013: the support team runs `dbt run-operation refund_order --args '{order_id: 1234}'` from a chat bot.
    order_id is concatenated unquoted after "=", so `1 or 1=1` refunds every order.
    Safe: ~ order_id | int -#}
{% macro refund_order(order_id) %}
    {% do run_query("update " ~ ref('stg_payments') ~ " set amount = 0 where order_id = " ~ order_id) %}
{% endmacro %}

{#- SQL015: a CI clean-up macro drops a schema named by its argument, unquoted.
    Safe: adapter.quote(dataset_name), or check it starts with 'ci_' and raise_compiler_error otherwise -#}
{% macro drop_ci_dataset(dataset_name) %}
    {% do run_query("drop schema if exists `shop-analytics-eu`." ~ dataset_name ~ " cascade") %}
{% endmacro %}

{#- SQL010: lookback_days comes from --vars; bare after "interval" its content becomes SQL.
    Safe: {{ var('lookback_days') | int }} -#}
{% macro recent_payments_filter(column_name) %}
    {{ column_name }} >= timestamp_sub(current_timestamp(), interval {{ var('lookback_days') }} day)
{% endmacro %}

{#- SQL014: the raw dataset is picked by an environment variable and rendered as a name.
    Safe: {{ source('crm', 'payments') }} -#}
{% macro raw_payments() %}
    select * from {{ env_var('DBT_RAW_DATASET', 'crm') }}.payments
{% endmacro %}

{#- SQL011: BigQuery scripting builds a DELETE from a table name read from a control table and executes it.
    Safe: check the name against INFORMATION_SCHEMA.TABLES, or use FORMAT('%T') / USING for values -#}
{% macro purge_expired_partitions() %}
    {% call statement('purge_expired_partitions') %}
        declare expired_table string default (select table_name from `shop-analytics-eu`.ops.expired limit 1);
        execute immediate 'delete from `shop-analytics-eu`.analytics.' || expired_table || ' where true';
    {% endcall %}
{% endmacro %}
