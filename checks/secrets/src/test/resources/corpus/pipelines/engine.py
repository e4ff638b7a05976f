from sqlalchemy import create_engine
from sqlalchemy.engine import URL

LEGACY = create_engine("postgresql+psycopg2://reporting:@@password@@@reporting-db.internal:5432/reporting")

MODERN = create_engine(URL.create(
    "postgresql+psycopg2",
    username="reporting",
    password=os.environ["REPORTING_PASSWORD"],
    host="reporting-db.internal",
    database="reporting",
))

DOCS_EXAMPLE = "postgresql://user:password@localhost:5432/mydb"
TEMPLATE = "postgresql://{user}:{password}@{host}/{db}"
