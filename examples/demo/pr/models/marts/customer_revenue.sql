-- lastmile demo, IMP020: an order is paid in instalments, so payments_per_day holds several rows per order_id
-- (its grain is order_id, paid_on); joining it repeats every order once per instalment day and sum(o.amount) counts
-- each order that many times. Safe: sum the payments per order_id first. Also IMP030/IMP031: a new mart with no
-- description and no test of its grain.
with payments_per_day as (
    select order_id, cast(paid_at as date) as paid_on, sum(amount) as paid
    from {{ ref('stg_payments') }}
    group by 1, 2
)
select
    o.customer_id,
    sum(o.amount) as revenue,
    sum(p.paid) as paid
from {{ ref('stg_orders') }} as o
join payments_per_day as p on p.order_id = o.order_id
group by 1
