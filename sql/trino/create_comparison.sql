-- leakscope: a run's tables as Trino/Presto Hive-connector tables (replace hive with your catalog),
-- generated from the tables' schemas by SqlFilesTest (see sql/README.md); ${out} is the run's output.
-- sed 's#${out}#s3://bucket/runs/2022-10#g' sql/trino/create_comparison.sql | trino
CREATE SCHEMA IF NOT EXISTS hive.leakscope;

-- comparison: after compare: how much of one run's data is already in another, per metric and basis
CREATE TABLE IF NOT EXISTS hive.leakscope.comparison (
  "metric" varchar,
  "basis" varchar,
  "left_value" bigint,
  "right_value" bigint,
  "left_estimate" double,
  "right_estimate" double,
  "intersection_estimate" double,
  "intersection_lower95" double,
  "intersection_upper95" double,
  "right_in_left_share" double,
  "right_in_left_lower95" double,
  "right_in_left_upper95" double
) WITH (format = 'PARQUET', external_location = '${out}/tables/comparison');
