object Loader {
  val url = "jdbc:snowflake://ab12345.snowflakecomputing.com/?db=analytics"
  val props = new java.util.Properties()
  props.put("user", "spark")
  props.put("password", "@@password@@")
  val warehouseToken: String = sys.env("WAREHOUSE_TOKEN")
  val tableName = "analytics.orders"
}
