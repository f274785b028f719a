-- Attempt-level parts: the totals, attempts per fingerprint, per ending, per overall percent.
SELECT
    multiIf(g = 15, 'total', g = 7, 'version', g = 9, 'ending', 'overall') AS part,
    scenario, fingerprint, ending, outcome, overall,
    countIf(in_range) AS attempts,
    countIf(in_range AND finished) AS finished,
    countIf(in_range AND passed) AS passed,
    uniqExactIf(actor, in_range) AS learners,
    uniqExactIf(registration, in_range) AS registrations,
    countIf(in_range AND red) AS red_line_attempts,
    countIf(NOT in_range) AS outside_dates,
    grouping(fingerprint, ending, outcome, overall) AS g
FROM att
GROUP BY GROUPING SETS ((scenario), (scenario, fingerprint), (scenario, ending, outcome), (scenario, overall))
SETTINGS output_format_json_quote_64bit_integers = 0
