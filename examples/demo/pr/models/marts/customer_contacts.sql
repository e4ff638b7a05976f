-- lastmile demo, SQL002: e-mail and phone, marked contains_pii in sources.yml, copied unchanged into a mart.
-- Safe: to_hex(sha256(email)) as email_key, or build this model into a restricted dataset (sql.restricted).
select
    customer_id,
    email,
    phone,
    country
from {{ ref('stg_customers') }}
