-- The 20 countries with the most exposed users (by the country of their company).
-- (summary.json: impact.top_countries)
SELECT country, country_name, companies, users, addresses
FROM country_impact
ORDER BY users DESC, companies DESC, addresses DESC, country
LIMIT 20;
