alter user loader set password = '@@password@@';
alter user reporter set rsa_public_key_2 = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0t';
alter user analyst set default_warehouse = 'reporting';
