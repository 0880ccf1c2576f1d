-- leakscope: a run's tables as DuckDB views,
-- generated from the tables' schemas by SqlFilesTest (see sql/README.md); ${out} is the run's output.
-- sed 's#${out}#/path/to/run#g' sql/duckdb/create_comparison.sql | duckdb leakscope.duckdb

-- comparison: after compare: how much of one run's data is already in another, per metric and basis
CREATE OR REPLACE VIEW comparison AS SELECT * FROM read_parquet('${out}/tables/comparison/*.parquet');
