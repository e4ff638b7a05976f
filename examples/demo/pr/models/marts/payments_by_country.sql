-- lastmile demo, SQL031: payments and customers are comma-joined with no condition between them, so every payment
-- pairs with every customer and revenue per country is multiplied. Safe: join through orders on customer_id.
select
    c.country,
    sum(p.amount) as revenue
from {{ ref('stg_payments') }} as p,
     {{ ref('stg_customers') }} as c
group by 1
