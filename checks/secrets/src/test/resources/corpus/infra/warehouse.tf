variable "db_password" {
  type      = string
  default   = "@@password@@"
  sensitive = true
}

variable "region" {
  default = "eu-west-1"
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  username          = "admin"
  password          = var.db_password
  kms_key_id        = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "snowflake_user" "loader" {
  name     = "LOADER"
  password = "@@password@@"
}

data "aws_secretsmanager_secret_version" "dbt" {
  secret_id = "prod/dbt"
}
