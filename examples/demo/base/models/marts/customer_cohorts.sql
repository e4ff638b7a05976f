-- Monthly sign-up cohorts for the growth dashboard (exposures.yml).
select
    date_trunc(c.created_at, month) as cohort_month,
    count(*) as customers
from {{ ref('stg_customers') }} as c
group by 1
