-- lastmile demo, SQL003: newsletter_target looks harmless, but two models upstream it is the e-mail marked contains_pii.
-- Safe: to_hex(sha256(newsletter_target)) as target_key, or keep this model in a restricted dataset.
select
    customer_id,
    newsletter_target
from {{ ref('stg_customer_reach') }}
where country = 'DE'
