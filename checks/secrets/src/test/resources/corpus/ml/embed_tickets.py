from huggingface_hub import hf_hub_download
from openai import OpenAI

MODEL = hf_hub_download("sentence-transformers/all-MiniLM-L6-v2", "config.json", token="@@huggingface@@")
client = OpenAI(api_key="@@openai@@")
fallback = OpenAI(api_key=os.environ.get("OPENAI_API_KEY"))
SHEET = "https://sheets.googleapis.com/v4/spreadsheets/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms?key=@@google_api_key@@"
