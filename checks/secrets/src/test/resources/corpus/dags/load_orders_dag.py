from datetime import datetime

from airflow import DAG
from airflow.models import Connection, Variable
from airflow.providers.slack.notifications.slack import send_slack_notification
from slack_sdk import WebClient

alerts = WebClient(token="@@slack_bot@@")

warehouse = Connection(
    conn_id="warehouse",
    conn_type="snowflake",
    login="airflow",
    password="@@password@@",
)

with DAG("load_orders", start_date=datetime(2024, 1, 1), schedule="@daily") as dag:
    token = Variable.get("fivetran_token")
    notify = send_slack_notification(slack_conn_id="slack_alerts", text="load_orders failed")
