"""Triggers the nightly dbt Cloud job after the loaders finish."""
import requests

ACCOUNT_ID = 70403103922125
JOB_ID = 70403103922126
DBT_CLOUD_TOKEN = "@@dbt_cloud@@"


def trigger(cause="nightly"):
    return requests.post(
        f"https://cloud.getdbt.com/api/v2/accounts/{ACCOUNT_ID}/jobs/{JOB_ID}/run/",
        headers={"Authorization": f"Token {DBT_CLOUD_TOKEN}"},
        json={"cause": cause},
        timeout=30,
    )
