select
    c.customer_id,
    sha2(c.email, 256) as email_hash,
    c.country_code,
    count(o.order_id) as orders
from {{ ref('stg_customers') }} as c
left join {{ ref('stg_orders') }} as o using (customer_id)
where c.api_key is null or c.password_hash is not null
group by 1, 2, 3
