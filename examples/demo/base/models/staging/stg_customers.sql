select
    customer_id,
    email,
    phone,
    country,
    created_at
from {{ source('crm', 'customers') }}
