{% macro grant_select(schema_name, role) %}
  {% set sql %}
    grant usage on schema {{ schema_name }} to role {{ role }};
    grant select on all tables in schema {{ schema_name }} to role {{ role }};
  {% endset %}
  {% do run_query(sql) %}
{% endmacro %}
