-- leakscope: a run's tables as Spark SQL tables,
-- generated from the tables' schemas by SqlFilesTest (see sql/README.md); ${out} is the run's output.
-- spark-sql -d out=s3a://bucket/runs/2022-10 -f sql/spark/create_comparison.sql
CREATE DATABASE IF NOT EXISTS leakscope;

-- comparison: after compare: how much of one run's data is already in another, per metric and basis
CREATE TABLE IF NOT EXISTS leakscope.comparison (
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
) USING parquet
LOCATION '${out}/tables/comparison';
