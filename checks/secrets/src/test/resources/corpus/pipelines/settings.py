import os
from dataclasses import dataclass


@dataclass
class Settings:
    warehouse_password: str = os.getenv("WAREHOUSE_PASSWORD", "")
    api_token: str = os.getenv("SHOP_API_TOKEN")
    slack_webhook: str = os.environ.get("SLACK_WEBHOOK_URL", "")
    request_id_header: str = "X-Request-Id"
    token_endpoint: str = "https://auth.shop.example.com/oauth/token"
    password_min_length: int = 12
    secret_name: str = "prod/pipelines/warehouse"


FIVETRAN_API_KEY = "@@token@@"
FIVETRAN_API_SECRET = "@@token@@"
