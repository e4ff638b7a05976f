-- lastmile demo, SQL090 (info): BigQuery ML's ML.PREDICT(MODEL ...) is beyond the SQL parser; the rules still read
-- this file through the token-level fallback, and this finding says so instead of passing it silently.
select customer_id, predicted_ltv
from ML.PREDICT(MODEL `shop-analytics-eu.ml.ltv`, (select * from {{ ref('stg_customers') }}))
