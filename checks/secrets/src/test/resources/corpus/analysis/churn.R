library(DBI)
con <- dbConnect(
  odbc::odbc(),
  Driver = "Snowflake",
  Server = "ab12345.snowflakecomputing.com",
  UID = "analyst",
  PWD = Sys.getenv("SNOWFLAKE_PWD")
)
api_key <- "@@token@@"
