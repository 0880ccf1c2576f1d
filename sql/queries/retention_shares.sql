-- What a retention policy would have deleted before the leak: for each period, the exposed data last seen before
-- the cutoff and its share of all of it. (summary.json: retention.policies)
SELECT metric, basis, retention_years, cutoff, value AS older_than_cutoff, total, share
FROM retention
WHERE view = 'policy'
ORDER BY metric, basis, retention_years;
