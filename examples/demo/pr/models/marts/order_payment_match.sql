-- lastmile demo, SQL021: orders get a 90-day window and payments a 30-day one, so two thirds of the orders lose
-- their payments in this join. Safe: one window for both, read from a single var().
select
    o.order_id,
    o.amount,
    p.amount as paid
from {{ ref('stg_orders') }} as o
left join {{ ref('stg_payments') }} as p
    on p.order_id = o.order_id
where o.ordered_at >= timestamp_sub(current_timestamp(), interval 90 day)
  and p.paid_at >= timestamp_sub(current_timestamp(), interval 30 day)
