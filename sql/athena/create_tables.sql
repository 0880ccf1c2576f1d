-- leakscope: a run's tables as Amazon Athena external tables (run each statement in Athena),
-- generated from the tables' schemas by SqlFilesTest (see sql/README.md); ${out} is the run's output.
-- sed 's#${out}#s3://bucket/runs/2022-10#g' sql/athena/create_tables.sql
CREATE DATABASE IF NOT EXISTS leakscope;

-- mentions: one row per entity mention; personal values (addresses, logins, names, phones) as keyed tokens
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.mentions (
  `item_id` string,
  `entity_type` string,
  `raw_value` string,
  `normalized_value` string,
  `canonical_value` string,
  `domain` string,
  `source` string,
  `rule` string,
  `country_code` string,
  `reject_reason` string,
  `context` string,
  `company_id` string,
  `user_id` string
) STORED AS PARQUET
LOCATION '${out}/tables/mentions/';

-- companies: one row per resolved company: names, domains, country
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.companies (
  `company_id` string,
  `names` array<string>,
  `names_as_written` array<string>,
  `domains` array<string>,
  `country` string,
  `country_evidence` string,
  `name_mentions` bigint,
  `domain_mentions` bigint
) STORED AS PARQUET
LOCATION '${out}/tables/companies/';

-- users: one row per resolved user (account): tokens of its logins, addresses, names; company
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.users (
  `user_id` string,
  `logins` array<string>,
  `addresses` array<string>,
  `names` array<string>,
  `company_id` string,
  `country` string,
  `login_mentions` bigint,
  `address_mentions` bigint
) STORED AS PARQUET
LOCATION '${out}/tables/users/';

-- item_clusters: one row per item: exact group, near-duplicate cluster, similarity, thread
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.item_clusters (
  `item_id` string,
  `kind` string,
  `record_set` string,
  `exact_key` string,
  `exact_group` string,
  `exact_group_size` bigint,
  `near_cluster` string,
  `is_representative` boolean,
  `similarity_to_representative` double,
  `near_method` string,
  `record_group` string,
  `thread_id` string,
  `is_inclusive` boolean
) STORED AS PARQUET
LOCATION '${out}/tables/item_clusters/';

-- cluster_summary: one row per near-duplicate cluster of two or more items
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.cluster_summary (
  `near_cluster` string,
  `kinds` string,
  `size` bigint,
  `exact_groups` bigint,
  `min_similarity` double,
  `max_similarity` double,
  `distinct_message_ids` bigint
) STORED AS PARQUET
LOCATION '${out}/tables/cluster_summary/';

-- threads: one row per conversation: messages, stored copies, inclusive messages
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.threads (
  `thread_id` string,
  `messages` bigint,
  `stored_copies` bigint,
  `inclusive_messages` bigint,
  `first_date` timestamp,
  `last_date` timestamp,
  `near_unique_messages` bigint
) STORED AS PARQUET
LOCATION '${out}/tables/threads/';

-- near_unique_by_threshold: near-unique items per kind at each similarity threshold
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.near_unique_by_threshold (
  `threshold` double,
  `kind` string,
  `exact_unique` bigint,
  `near_unique` bigint
) STORED AS PARQUET
LOCATION '${out}/tables/near_unique_by_threshold/';

-- metric_counts: every metric at every basis: exact value, HLL estimate, 95% bounds
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.metric_counts (
  `metric` string,
  `basis` string,
  `value` bigint,
  `estimate` double,
  `lower95` double,
  `upper95` double
) STORED AS PARQUET
LOCATION '${out}/tables/metric_counts/';

-- reconciliation: one row per published claim: measured at every basis, closest, strictest
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.reconciliation (
  `claimant` string,
  `date` date,
  `metric` string,
  `claimed` bigint,
  `quote` string,
  `source` string,
  `measured_raw` bigint,
  `measured_distinct_raw` bigint,
  `measured_distinct_normalized` bigint,
  `measured_distinct_canonical` bigint,
  `measured_exact_unique` bigint,
  `measured_near_unique` bigint,
  `measured_resolved` bigint,
  `closest_basis` string,
  `closest_value` bigint,
  `closest_relative_difference` double,
  `strictest_basis` string,
  `strictest_value` bigint,
  `overstatement` double,
  `finding` string
) STORED AS PARQUET
LOCATION '${out}/tables/reconciliation/';

-- company_impact: one row per company: addresses, users, messages and documents, dates
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.company_impact (
  `company_id` string,
  `name` string,
  `country` string,
  `domains` string,
  `unique_addresses` bigint,
  `users` bigint,
  `mentions` bigint,
  `messages_raw` bigint,
  `messages_exact_unique` bigint,
  `messages_near_unique` bigint,
  `documents_raw` bigint,
  `documents_exact_unique` bigint,
  `documents_near_unique` bigint,
  `records_raw` bigint,
  `records_exact_unique` bigint,
  `first_item_date` date,
  `last_item_date` date
) STORED AS PARQUET
LOCATION '${out}/tables/company_impact/';

-- company_activity: one row per company and month: items, addresses and users mentioned
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.company_activity (
  `company_id` string,
  `month` date,
  `messages_raw` bigint,
  `messages_near_unique` bigint,
  `documents_raw` bigint,
  `documents_near_unique` bigint,
  `records_raw` bigint,
  `addresses` bigint,
  `users` bigint
) STORED AS PARQUET
LOCATION '${out}/tables/company_activity/';

-- country_impact: one row per country: companies, users, addresses
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.country_impact (
  `country` string,
  `country_name` string,
  `companies` bigint,
  `users` bigint,
  `addresses` bigint,
  `country_mentions` bigint
) STORED AS PARQUET
LOCATION '${out}/tables/country_impact/';

-- retention: exposed data by year, and what each retention policy would have deleted
CREATE EXTERNAL TABLE IF NOT EXISTS leakscope.retention (
  `view` string,
  `metric` string,
  `basis` string,
  `year` int,
  `retention_years` int,
  `leak_date` date,
  `cutoff` date,
  `value` bigint,
  `total` bigint,
  `share` double
) STORED AS PARQUET
LOCATION '${out}/tables/retention/';
