"""Loads yesterday's orders from the shop database into the warehouse."""
import os

import psycopg2
import snowflake.connector

SOURCE = psycopg2.connect(
    host="orders-db.internal",
    dbname="orders",
    user="loader",
    password="@@password@@",
)

WAREHOUSE = snowflake.connector.connect(
    account=os.environ["SNOWFLAKE_ACCOUNT"],
    user=os.environ["SNOWFLAKE_USER"],
    password=os.environ["SNOWFLAKE_PASSWORD"],
)


def run(day):
    cur = SOURCE.cursor()
    cur.execute("select * from orders where ordered_at::date = %s", (day,))
    return cur.fetchall()
