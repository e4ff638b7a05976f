#!/usr/bin/env bash
# Sets up a local environment. Nothing secret here: values come from 1Password.
export DBT_PROFILES_DIR="$PWD"
export SNOWFLAKE_PASSWORD="$(op read op://data/snowflake/password)"
export GITHUB_TOKEN="${GITHUB_TOKEN:?set it first}"
token_file="$HOME/.config/shop/token"
echo "password policy: at least 12 characters"
