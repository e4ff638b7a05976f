# Shows SQL019 (info): this half-written script leaves a triple-quoted SQL string open, so the injection analysis
# cannot read the rest of the file; lastmile says so rather than passing it silently.
from google.cloud import bigquery


def export_orders(client: bigquery.Client, day: str) -> None:
    client.query("""
        select order_id, amount
        from `shop-analytics-eu`.analytics.stg_orders
        where date(ordered_at) = @day
