-- lastmile demo: a staging model (restricted by default) renames the e-mail column; marts/newsletter_audience.sql
-- then reads it under its new name (SQL003).
select
    customer_id,
    email as newsletter_target,
    country
from {{ ref('stg_customers') }}
