-- service users; run once by the platform team
create user if not exists loader
    password = '@@password@@'
    default_role = loader
    must_change_password = false;

create user if not exists reporter
    rsa_public_key = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u'
    default_role = reporter;

create or replace secret fivetran_api
    type = generic_string
    secret_string = '@@token@@';

create stage raw.landing
    url = 's3://shop-landing/exports/'
    storage_integration = s3_landing;
