-- Every metric at every counting definition, loosest first: the exact count, and the HyperLogLog estimate with its
-- 95% bounds (the numbers to compare across runs or with other tools). (summary.json: metrics, estimates)
SELECT metric, basis, value, estimate, lower95, upper95
FROM metric_counts
ORDER BY metric,
  CASE basis
    WHEN 'raw' THEN 1 WHEN 'distinct_raw' THEN 2 WHEN 'distinct_normalized' THEN 3 WHEN 'distinct_canonical' THEN 4
    WHEN 'exact_unique' THEN 5 WHEN 'near_unique' THEN 6 WHEN 'resolved' THEN 7
  END;
