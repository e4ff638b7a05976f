from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("extract-erp").getOrCreate()

df = (
    spark.read.format("jdbc")
    .option("url", "jdbc:sqlserver://erp-db:1433;databaseName=erp")
    .option("dbtable", "dbo.invoices")
    .option("user", "spark_reader")
    .option("password", "@@password@@")
    .load()
)

df2 = (
    spark.read.format("jdbc")
    .option("url", "jdbc:postgresql://crm-db:5432/crm")
    .option("user", dbutils.secrets.get(scope="crm", key="user"))
    .option("password", dbutils.secrets.get(scope="crm", key="password"))
    .load()
)
