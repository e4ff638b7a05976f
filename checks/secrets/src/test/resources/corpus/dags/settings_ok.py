from airflow.models import Variable
from airflow.hooks.base import BaseHook

conn = BaseHook.get_connection("warehouse")
password = conn.password
api_token = Variable.get("shop_api_token")
webhook = Variable.get("slack_webhook", default_var=None)
headers = {"Authorization": f"Bearer {api_token}"}
