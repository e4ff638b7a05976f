"""lastmile demo: SEC002. A script that copies customer segments to the CRM database embeds the CRM password in
its connection URL. Fix: build the URL with URL.create(password=os.environ["CRM_PASSWORD"]) and rotate the password
(docs/rules/SEC002.md).
"""
import os

from google.cloud import bigquery
from sqlalchemy import create_engine

CRM = create_engine("postgresql+psycopg2://crm_sync:Vx8-qL2mWz5Rt9Kp@crm-db.internal:5432/crm")


def sync(day):
    rows = bigquery.Client().query(
        "select customer_id, segment from analytics.customer_segments where day = @day",
        job_config=bigquery.QueryJobConfig(query_parameters=[bigquery.ScalarQueryParameter("day", "DATE", day)]),
    ).result()
    with CRM.begin() as conn:
        for r in rows:
            conn.exec_driver_sql("update customers set segment = %s where id = %s", (r.segment, r.customer_id))


if __name__ == "__main__":
    sync(os.environ.get("DAY", "2024-05-01"))
