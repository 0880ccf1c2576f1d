-- The 20 companies with the most unique exposed email addresses: who to call first.
-- (summary.json: impact.top_companies; the report's "Companies exposed" section)
SELECT company_id, name, country, unique_addresses, users, messages_raw, messages_near_unique
FROM company_impact
ORDER BY unique_addresses DESC, mentions DESC, company_id
LIMIT 20;
