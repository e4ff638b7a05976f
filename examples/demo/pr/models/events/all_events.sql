-- Shows SQL091 (info): this model's SQL comes from the warehouse at run time (the macro lists tables with
-- run_query), so nothing can be checked before it runs; lastmile says so instead of skipping it silently.
{{ union_all_tables('raw_events') }}
