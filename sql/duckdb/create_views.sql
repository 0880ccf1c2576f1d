-- leakscope: a run's tables as DuckDB views,
-- generated from the tables' schemas by SqlFilesTest (see sql/README.md); ${out} is the run's output.
-- sed 's#${out}#/path/to/run#g' sql/duckdb/create_views.sql | duckdb leakscope.duckdb

-- mentions: one row per entity mention; personal values (addresses, logins, names, phones) as keyed tokens
CREATE OR REPLACE VIEW mentions AS SELECT * FROM read_parquet('${out}/tables/mentions/*.parquet');

-- companies: one row per resolved company: names, domains, country
CREATE OR REPLACE VIEW companies AS SELECT * FROM read_parquet('${out}/tables/companies/*.parquet');

-- users: one row per resolved user (account): tokens of its logins, addresses, names; company
CREATE OR REPLACE VIEW users AS SELECT * FROM read_parquet('${out}/tables/users/*.parquet');

-- item_clusters: one row per item: exact group, near-duplicate cluster, similarity, thread
CREATE OR REPLACE VIEW item_clusters AS SELECT * FROM read_parquet('${out}/tables/item_clusters/*.parquet');

-- cluster_summary: one row per near-duplicate cluster of two or more items
CREATE OR REPLACE VIEW cluster_summary AS SELECT * FROM read_parquet('${out}/tables/cluster_summary/*.parquet');

-- threads: one row per conversation: messages, stored copies, inclusive messages
CREATE OR REPLACE VIEW threads AS SELECT * FROM read_parquet('${out}/tables/threads/*.parquet');

-- near_unique_by_threshold: near-unique items per kind at each similarity threshold
CREATE OR REPLACE VIEW near_unique_by_threshold AS SELECT * FROM read_parquet('${out}/tables/near_unique_by_threshold/*.parquet');

-- metric_counts: every metric at every basis: exact value, HLL estimate, 95% bounds
CREATE OR REPLACE VIEW metric_counts AS SELECT * FROM read_parquet('${out}/tables/metric_counts/*.parquet');

-- reconciliation: one row per published claim: measured at every basis, closest, strictest
CREATE OR REPLACE VIEW reconciliation AS SELECT * FROM read_parquet('${out}/tables/reconciliation/*.parquet');

-- company_impact: one row per company: addresses, users, messages and documents, dates
CREATE OR REPLACE VIEW company_impact AS SELECT * FROM read_parquet('${out}/tables/company_impact/*.parquet');

-- company_activity: one row per company and month: items, addresses and users mentioned
CREATE OR REPLACE VIEW company_activity AS SELECT * FROM read_parquet('${out}/tables/company_activity/*.parquet');

-- country_impact: one row per country: companies, users, addresses
CREATE OR REPLACE VIEW country_impact AS SELECT * FROM read_parquet('${out}/tables/country_impact/*.parquet');

-- retention: exposed data by year, and what each retention policy would have deleted
CREATE OR REPLACE VIEW retention AS SELECT * FROM read_parquet('${out}/tables/retention/*.parquet');
