create stage raw.partner_drop
    url = 's3://partner-drop/shop/'
    credentials = (aws_key_id = '@@aws_key_id@@' aws_secret_key = '@@aws_secret@@');

create stage raw.azure_landing
    url = 'azure://shopraw.blob.core.windows.net/landing'
    credentials = (azure_sas_token = '@@azure_sas@@');
