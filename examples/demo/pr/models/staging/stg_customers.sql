-- lastmile demo, IMP001: created_at is renamed, but customer_cohorts (and the growth dashboard behind it) still
-- reads c.created_at. Safe: rename it there too, or keep created_at beside signed_up_at until it has moved.
select
    customer_id,
    email,
    phone,
    country,
    created_at as signed_up_at
from {{ source('crm', 'customers') }}
