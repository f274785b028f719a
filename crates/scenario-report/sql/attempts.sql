-- Attempt-level parts: the totals, attempts per fingerprint, per ending, per overall percent.
SELECT
    multiIf(g = 15, 'total', g = 7, 'version', g = 9, 'ending', 'overall') AS part,
    scenario, a_fingerprint AS fingerprint, a_ending AS ending, a_outcome AS outcome, a_overall AS overall,
    countIf(a_in_range) AS attempts,
    countIf(a_in_range AND a_finished) AS finished,
    countIf(a_in_range AND a_passed) AS passed,
    uniqExactIf(actor, a_in_range) AS learners,
    uniqExactIf(registration, a_in_range) AS registrations,
    countIf(a_in_range AND a_red) AS red_line_attempts,
    countIf(NOT a_in_range) AS outside_dates,
    grouping(a_fingerprint, a_ending, a_outcome, a_overall) AS g
FROM att
GROUP BY GROUPING SETS ((scenario), (scenario, a_fingerprint), (scenario, a_ending, a_outcome), (scenario, a_overall))
SETTINGS output_format_json_quote_64bit_integers = 0
