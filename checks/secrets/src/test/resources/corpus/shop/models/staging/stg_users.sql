with source as (
    select * from {{ source('app', 'users') }}
)
select
    user_id,
    email,
    password_hash,
    api_token_created_at,
    case when password_hash is null then 'sso' else 'password' end as auth_method,
    md5(cast(user_id as varchar)) as user_key
from source
where password_reset_token is null
