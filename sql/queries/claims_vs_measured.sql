-- Each published claim against the dump: the counting definition it matches (closest basis), the strict count,
-- and how many times the strict count the claim is. A claim without a number has an empty closest basis.
-- (summary.json: claims)
SELECT claimant, metric, claimed, closest_basis, closest_value, closest_relative_difference,
       strictest_basis, strictest_value, overstatement, finding
FROM reconciliation
ORDER BY claimant, metric;
