{# Used by models/events/all_events.sql: builds a model from the tables the warehouse lists at run time. #}
{% macro union_all_tables(dataset) %}
  {% if execute %}
    {% set tables = run_query("select table_name from `shop-raw-eu`.region-eu.INFORMATION_SCHEMA.TABLES where table_schema = 'events'") %}
    {% for t in tables.columns[0].values() %}
      select * from `shop-raw-eu`.events.{{ t }}{% if not loop.last %} union all {% endif %}
    {% endfor %}
  {% endif %}
{% endmacro %}
