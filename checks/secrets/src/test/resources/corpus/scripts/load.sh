#!/usr/bin/env bash
set -euo pipefail

export PGPASSWORD='@@password@@'
export SNOWSQL_PWD="$(aws secretsmanager get-secret-value --secret-id prod/snowsql --query SecretString --output text)"
psql -h orders-db.internal -U loader -d orders -c "\copy orders to 'orders.csv' csv header"
snowsql -a ab12345 -u loader --password=@@password@@ -f load.sql
curl -fsS -H "Authorization: Bearer ${FIVETRAN_TOKEN}" https://api.fivetran.com/v1/groups
curl -u admin:@@password@@ https://metabase.internal/api/session
mysql -h reports-db -u reporter -p"${MYSQL_PWD}" reports < reports.sql
