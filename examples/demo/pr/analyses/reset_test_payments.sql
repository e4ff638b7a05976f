-- lastmile demo, SQL030: meant to remove the test payments, but the WHERE clause was lost: every payment goes.
-- Safe: delete ... where order_id in (select order_id from ... where is_test)
delete from `shop-analytics-eu`.analytics.stg_payments;
