-- leakscope: a run's tables as Trino/Presto Hive-connector tables (replace hive with your catalog),
-- generated from the tables' schemas by SqlFilesTest (see sql/README.md); ${out} is the run's output.
-- sed 's#${out}#s3://bucket/runs/2022-10#g' sql/trino/create_tables.sql | trino
CREATE SCHEMA IF NOT EXISTS hive.leakscope;

-- mentions: one row per entity mention; personal values (addresses, logins, names, phones) as keyed tokens
CREATE TABLE IF NOT EXISTS hive.leakscope.mentions (
  "item_id" varchar,
  "entity_type" varchar,
  "raw_value" varchar,
  "normalized_value" varchar,
  "canonical_value" varchar,
  "domain" varchar,
  "source" varchar,
  "rule" varchar,
  "country_code" varchar,
  "reject_reason" varchar,
  "context" varchar,
  "company_id" varchar,
  "user_id" varchar
) WITH (format = 'PARQUET', external_location = '${out}/tables/mentions');

-- companies: one row per resolved company: names, domains, country
CREATE TABLE IF NOT EXISTS hive.leakscope.companies (
  "company_id" varchar,
  "names" array(varchar),
  "names_as_written" array(varchar),
  "domains" array(varchar),
  "country" varchar,
  "country_evidence" varchar,
  "name_mentions" bigint,
  "domain_mentions" bigint
) WITH (format = 'PARQUET', external_location = '${out}/tables/companies');

-- users: one row per resolved user (account): tokens of its logins, addresses, names; company
CREATE TABLE IF NOT EXISTS hive.leakscope.users (
  "user_id" varchar,
  "logins" array(varchar),
  "addresses" array(varchar),
  "names" array(varchar),
  "company_id" varchar,
  "country" varchar,
  "login_mentions" bigint,
  "address_mentions" bigint
) WITH (format = 'PARQUET', external_location = '${out}/tables/users');

-- item_clusters: one row per item: exact group, near-duplicate cluster, similarity, thread
CREATE TABLE IF NOT EXISTS hive.leakscope.item_clusters (
  "item_id" varchar,
  "kind" varchar,
  "record_set" varchar,
  "exact_key" varchar,
  "exact_group" varchar,
  "exact_group_size" bigint,
  "near_cluster" varchar,
  "is_representative" boolean,
  "similarity_to_representative" double,
  "near_method" varchar,
  "record_group" varchar,
  "thread_id" varchar,
  "is_inclusive" boolean
) WITH (format = 'PARQUET', external_location = '${out}/tables/item_clusters');

-- cluster_summary: one row per near-duplicate cluster of two or more items
CREATE TABLE IF NOT EXISTS hive.leakscope.cluster_summary (
  "near_cluster" varchar,
  "kinds" varchar,
  "size" bigint,
  "exact_groups" bigint,
  "min_similarity" double,
  "max_similarity" double,
  "distinct_message_ids" bigint
) WITH (format = 'PARQUET', external_location = '${out}/tables/cluster_summary');

-- threads: one row per conversation: messages, stored copies, inclusive messages
CREATE TABLE IF NOT EXISTS hive.leakscope.threads (
  "thread_id" varchar,
  "messages" bigint,
  "stored_copies" bigint,
  "inclusive_messages" bigint,
  "first_date" timestamp(3),
  "last_date" timestamp(3),
  "near_unique_messages" bigint
) WITH (format = 'PARQUET', external_location = '${out}/tables/threads');

-- near_unique_by_threshold: near-unique items per kind at each similarity threshold
CREATE TABLE IF NOT EXISTS hive.leakscope.near_unique_by_threshold (
  "threshold" double,
  "kind" varchar,
  "exact_unique" bigint,
  "near_unique" bigint
) WITH (format = 'PARQUET', external_location = '${out}/tables/near_unique_by_threshold');

-- metric_counts: every metric at every basis: exact value, HLL estimate, 95% bounds
CREATE TABLE IF NOT EXISTS hive.leakscope.metric_counts (
  "metric" varchar,
  "basis" varchar,
  "value" bigint,
  "estimate" double,
  "lower95" double,
  "upper95" double
) WITH (format = 'PARQUET', external_location = '${out}/tables/metric_counts');

-- reconciliation: one row per published claim: measured at every basis, closest, strictest
CREATE TABLE IF NOT EXISTS hive.leakscope.reconciliation (
  "claimant" varchar,
  "date" date,
  "metric" varchar,
  "claimed" bigint,
  "quote" varchar,
  "source" varchar,
  "measured_raw" bigint,
  "measured_distinct_raw" bigint,
  "measured_distinct_normalized" bigint,
  "measured_distinct_canonical" bigint,
  "measured_exact_unique" bigint,
  "measured_near_unique" bigint,
  "measured_resolved" bigint,
  "closest_basis" varchar,
  "closest_value" bigint,
  "closest_relative_difference" double,
  "strictest_basis" varchar,
  "strictest_value" bigint,
  "overstatement" double,
  "finding" varchar
) WITH (format = 'PARQUET', external_location = '${out}/tables/reconciliation');

-- company_impact: one row per company: addresses, users, messages and documents, dates
CREATE TABLE IF NOT EXISTS hive.leakscope.company_impact (
  "company_id" varchar,
  "name" varchar,
  "country" varchar,
  "domains" varchar,
  "unique_addresses" bigint,
  "users" bigint,
  "mentions" bigint,
  "messages_raw" bigint,
  "messages_exact_unique" bigint,
  "messages_near_unique" bigint,
  "documents_raw" bigint,
  "documents_exact_unique" bigint,
  "documents_near_unique" bigint,
  "records_raw" bigint,
  "records_exact_unique" bigint,
  "first_item_date" date,
  "last_item_date" date
) WITH (format = 'PARQUET', external_location = '${out}/tables/company_impact');

-- company_activity: one row per company and month: items, addresses and users mentioned
CREATE TABLE IF NOT EXISTS hive.leakscope.company_activity (
  "company_id" varchar,
  "month" date,
  "messages_raw" bigint,
  "messages_near_unique" bigint,
  "documents_raw" bigint,
  "documents_near_unique" bigint,
  "records_raw" bigint,
  "addresses" bigint,
  "users" bigint
) WITH (format = 'PARQUET', external_location = '${out}/tables/company_activity');

-- country_impact: one row per country: companies, users, addresses
CREATE TABLE IF NOT EXISTS hive.leakscope.country_impact (
  "country" varchar,
  "country_name" varchar,
  "companies" bigint,
  "users" bigint,
  "addresses" bigint,
  "country_mentions" bigint
) WITH (format = 'PARQUET', external_location = '${out}/tables/country_impact');

-- retention: exposed data by year, and what each retention policy would have deleted
CREATE TABLE IF NOT EXISTS hive.leakscope.retention (
  "view" varchar,
  "metric" varchar,
  "basis" varchar,
  "year" integer,
  "retention_years" integer,
  "leak_date" date,
  "cutoff" date,
  "value" bigint,
  "total" bigint,
  "share" double
) WITH (format = 'PARQUET', external_location = '${out}/tables/retention');
