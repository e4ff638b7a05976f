copy raw.orders
from 's3://shop-landing/orders/'
credentials 'aws_access_key_id=@@aws_key_id@@;aws_secret_access_key=@@aws_secret@@'
format as parquet;

copy raw.customers
from 's3://shop-landing/customers/'
iam_role 'arn:aws:iam::123456789012:role/redshift-loader'
format as parquet;
