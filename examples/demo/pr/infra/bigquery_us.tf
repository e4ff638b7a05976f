# lastmile demo: the dataset the new customer_export model writes to. dbt's default generate_schema_name puts
# schema='exports' into <target dataset>_exports, so this is analytics_exports in the US project. Its location,
# the US multi-region, is where RES001 says the EU customers would go.
resource "google_bigquery_dataset" "exports" {
  project    = "shop-analytics-us"
  dataset_id = "analytics_exports"
  location   = "US"
  labels = {
    team = "us-sales"
  }
}
