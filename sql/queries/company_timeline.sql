-- The most affected company month by month: messages and documents that mention it (as stored and unique), and the
-- distinct addresses and users of it they mention. Undated items (loose records and documents) come last.
WITH top_company AS (
  SELECT company_id, name
  FROM company_impact
  ORDER BY unique_addresses DESC, mentions DESC, company_id
  LIMIT 1
)
SELECT t.name, a.month, a.messages_raw, a.messages_near_unique, a.documents_raw, a.documents_near_unique,
       a.records_raw, a.addresses, a.users
FROM company_activity a
JOIN top_company t ON a.company_id = t.company_id
ORDER BY a.month NULLS LAST;
