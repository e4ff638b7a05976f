CREATE SECRET gcs_reader (
    TYPE gcs,
    KEY_ID 'GOOG1EXAMPLEHMACKEYID',
    SECRET '@@token@@'
);
CREATE SECRET s3_env (TYPE s3, PROVIDER credential_chain);
