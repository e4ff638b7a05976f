import boto3

# TODO move to the task role
s3 = boto3.client(
    "s3",
    region_name="eu-west-1",
    aws_access_key_id="@@aws_key_id@@",
    aws_secret_access_key="@@aws_secret@@",
)

EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE"  # from the AWS docs, used in the README


def upload(path, key):
    s3.upload_file(path, "shop-exports", key)
