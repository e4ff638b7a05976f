-- lastmile demo, SQL022: an incremental model that only picks up new orders; a payment made today for last
-- month's order never reaches it. Safe: also take payments whose paid_at is past the last run.
{{ config(materialized='incremental', unique_key='order_id') }}
select
    o.order_id,
    o.ordered_at,
    sum(p.amount) as paid
from {{ ref('stg_orders') }} as o
join {{ ref('stg_payments') }} as p on p.order_id = o.order_id
{% if is_incremental() %}
where o.ordered_at > (select max(ordered_at) from {{ this }})
{% endif %}
group by 1, 2
