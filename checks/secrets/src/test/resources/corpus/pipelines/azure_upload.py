from azure.storage.blob import BlobServiceClient

CONNECTION = "@@azure_conn@@"
SAS_URL = "@@azure_sas@@"
SAFE = "DefaultEndpointsProtocol=https;AccountName=shopraw;AccountKey=<account-key>;EndpointSuffix=core.windows.net"


def client():
    return BlobServiceClient.from_connection_string(CONNECTION)
