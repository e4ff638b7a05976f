-- A mart that copies every customer column, e-mail and phone included, next to their orders.
select
    c.*,
    o.order_id,
    o.amount,
    o.ordered_at
from {{ ref('stg_customers') }} as c
join {{ ref('stg_orders') }} as o
    on o.customer_id = c.customer_id
