-- lastmile demo, SQL020: the window bounds orders to the last days, but the joined payments are read whole, so
-- refunds and late payments of any age count against recent orders. Safe: bound p.paid_at by the same window.
select
    date_trunc(o.ordered_at, day) as day,
    sum(p.amount) as revenue
from {{ ref('stg_orders') }} as o
join {{ ref('stg_payments') }} as p
    on p.order_id = o.order_id
where o.ordered_at >= timestamp_sub(current_timestamp(), interval {{ var('lookback_days') | int }} day)
group by 1
