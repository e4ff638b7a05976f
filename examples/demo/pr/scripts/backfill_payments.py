"""lastmile demo: SQL012. A backfill script formats the day into the SQL it sends to BigQuery.

Run as `python scripts/backfill_payments.py 2024-05-01`. The first query is built with an f-string, so a "day" of
`2024-05-01' or true or '` deletes every staged payment; the second one shows the safe way, a query parameter.
"""
import sys

from google.cloud import bigquery


def backfill(day: str) -> None:
    client = bigquery.Client(project="shop-analytics-eu")
    # SQL012: the day is formatted into the statement text.
    client.query(f"delete from analytics.stg_payments_backfill where date(paid_at) = '{day}'").result()
    # Safe: the same kind of statement with the value bound as a parameter.
    job_config = bigquery.QueryJobConfig(
        query_parameters=[bigquery.ScalarQueryParameter("day", "DATE", day)]
    )
    client.query(
        "insert into analytics.stg_payments_backfill select * from analytics.stg_payments where date(paid_at) = @day",
        job_config=job_config,
    ).result()


if __name__ == "__main__":
    backfill(sys.argv[1])
