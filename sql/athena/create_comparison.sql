-- leakscope: a run's tables as Amazon Athena external tables (run each statement in Athena),
-- generated from the tables' schemas by SqlFilesTest (see sql/README.md); ${out} is the run's output.
-- sed 's#${out}#s3://bucket/runs/2022-10#g' sql/athena/create_comparison.sql
CREATE DATABASE IF NOT EXISTS leakscope;

-- comparison: after compare: how much of one run's data is already in another, per metric and basis
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.comparison (
  `metric` string,
  `basis` string,
  `left_value` bigint,
  `right_value` bigint,
  `left_estimate` double,
  `right_estimate` double,
  `intersection_estimate` double,
  `intersection_lower95` double,
  `intersection_upper95` double,
  `right_in_left_share` double,
  `right_in_left_lower95` double,
  `right_in_left_upper95` double
) STORED AS PARQUET
LOCATION '${out}/tables/comparison/';
