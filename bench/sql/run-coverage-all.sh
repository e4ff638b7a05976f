#!/usr/bin/env bash
# Coverage and speed of the SQL check on every public dbt project docs/sql-coverage.md reports, at the commits it
# reports. Projects are cloned once into $LASTMILE_BENCH_PROJECTS (default: bench/sql/target/projects); none of
# their code is committed here. With no network, point LASTMILE_BENCH_MIRROR at a folder of mirrors laid out as
# <owner>+<name>/repo (the layout of this build machine's /work/.mirror).
# usage: bench/sql/run-coverage-all.sh [--top N] [--only owner/name]
# LASTMILE_BENCH_ONE_CORE=1 measures on one pinned CPU (see run-coverage.sh); docs/sql-coverage.md reports both.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
projects=${LASTMILE_BENCH_PROJECTS:-$here/target/projects}
mirror=${LASTMILE_BENCH_MIRROR:-}
mkdir -p "$projects"

# owner/name  commit  sub-folder  dialect ("." with several dbt projects: the whole repository, each project read
# with its own profile, macros and vars) (none: no dialect given; lastmile infers one, as for a repository without
# a dbt profile or sql.dialect)
table='
dbt-labs/jaffle-shop                        7be2c5838dbdeca8e915d4e46db70e910753d7f6 .                          duckdb
mattermost/mattermost-data-warehouse        61af2424d790a8f83267f2b9ee12589fd32bcfa9 transform/snowflake-dbt     snowflake
mattermost/mattermost-data-warehouse        61af2424d790a8f83267f2b9ee12589fd32bcfa9 transform/mattermost-analytics snowflake
ktopcuoglu/gitlab-dbt-analytics             493752b6d2d4e1e105966236ddd9b014406117b7 transform/snowflake-dbt     snowflake
community-tech-alliance/dbt-cta             d1718ef28aee1ab2d47e0f5455a4f3dca4097c87 .                          bigquery
david-but-its-daweed/dbt-spark-models       edcfcb961cbc20c8939a3559bde7a26d1a574b96 .                          spark
tuva-health/tuva                            6be34c7add402a897dd020fa51c6be586847eb41 .                          redshift
tuva-health/tuva                            6be34c7add402a897dd020fa51c6be586847eb41 .                          postgres
Velir/dbt-ga4                               2d7b1f1c5224b6e2f3c6284f416dd5fd3ce94360 .                          bigquery
datacoves/balboa                            a19cafa12d1473c91aadeb6ab2b76e89200d20be transform                  snowflake
dbt-labs/jaffle_shop_duckdb                 9b13827913b230a045b0a71736a00e2053fbcb16 .                          duckdb
OHDSI/dbt-synthea                           b9486865d6c2f95e6bda34187391244131243585 .                          duckdb
OHDSI/dbt-synthea                           b9486865d6c2f95e6bda34187391244131243585 .                          postgres
brooklyn-data/dbt_artifacts                 6d37fa068c47de8ab85722047ca5af3f873cd508 .                          snowflake
fivetran/dbt_hubspot                        be3a903c24d804bdeea3629c0dda005fb114527f .                          redshift
snowplow/dbt-snowplow-web                   0e4f868f6bc7c35ec154506fb48f00584c15f95a .                          postgres
snowplow/dbt-snowplow-unified               6df7562dbc963d13d58f75d39ca2e3ab2de7d41b .                          databricks
dbt-labs/dbt-project-evaluator              927abbd523b627f4f1595e2fb93ebf2244314bd6 .                          postgres
dbt-labs/dbt-project-evaluator              927abbd523b627f4f1595e2fb93ebf2244314bd6 integration_tests          postgres
databricks-demos/dbt-databricks-c360        5ea27bd820c0ed2045fcf576e3131e39f0f520c8 .                          databricks
tconbeer/http_archive_almanac               414b535909c044fc8fc35c34fff8d66c87bb6436 .                          none
mattermost/mattermost-data-warehouse        61af2424d790a8f83267f2b9ee12589fd32bcfa9 .                          none
dbt-labs/dbt-project-evaluator              927abbd523b627f4f1595e2fb93ebf2244314bd6 .                          none
duneanalytics/spellbook                     91dac121414fe46afdb47690ea5906871373dba5 .                          none
'

checkout() { # repo commit -> directory
  local repo=$1 commit=$2 dir="$projects/${1/\//+}"
  if [ ! -d "$dir/.git" ]; then
    local url="https://github.com/$repo.git"
    [ -n "$mirror" ] && [ -d "$mirror/${repo/\//+}/repo" ] && url="$mirror/${repo/\//+}/repo"
    git clone -q --no-checkout "$url" "$dir" >&2
  fi
  # only what the dbt module reads: SQL and YAML (some mirrors lack large data files)
  git -C "$dir" checkout -q "$commit" -- '*.sql' '*.yml' '*.yaml' 2>/dev/null || git -C "$dir" checkout -q "$commit" >&2
  echo "$dir"
}

only=
if [ "${1:-}" = --only ]; then only=$2; shift 2; fi
echo "$table" | while read -r repo commit sub dialect; do
  [ -z "$repo" ] && continue
  [ -n "$only" ] && [ "$only" != "$repo" ] && continue
  dir=$(checkout "$repo" "$commit")
  echo "#### $repo $sub ($dialect) at ${commit:0:12}"
  "$here/run-coverage.sh" "$dir/$sub" "$dialect" "$@" 2>&1 | grep -v '^SLF4J'
done
