-- connection created through the console; the password lives in the connection, not here
CREATE EXTERNAL TABLE raw.partner_orders
WITH CONNECTION `shop-analytics-eu.eu.partner_pg`
OPTIONS (format = 'PARQUET', uris = ['gs://partner-drop/orders/*.parquet']);
