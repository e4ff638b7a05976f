-- lastmile demo: RES001 (and RES004). The pull request adds an export of customers for the US sales team, written
-- to a dataset of the US project. stg_customers reads source('crm','customers'), which the policy binds to zone eu,
-- so the finding shows the whole path: source('crm','customers') [eu] → stg_customers →
-- analytics_exports.customer_export [US]. BigQuery would also refuse to run it (RES004): the query reads EU datasets
-- and writes a US one. Fix: write it to an EU dataset, or export only what is not personal data (docs/rules/RES001.md).
{{ config(database='shop-analytics-us', schema='exports') }}

select
    c.customer_id,
    c.email,
    c.country,
    count(o.order_id) as orders
from {{ ref('stg_customers') }} as c
left join {{ ref('stg_orders') }} as o
    on o.customer_id = c.customer_id
group by 1, 2, 3
