select
    payment_id,
    order_id,
    amount,
    paid_at
from {{ source('crm', 'payments') }}
