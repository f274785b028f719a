-- One row per learner, only when names are asked for.
SELECT scenario, actor,
    argMaxIf(a_name, a_name_key, a_name != '') AS name,
    count() AS attempts,
    countIf(a_finished) AS finished,
    countIf(a_passed) AS passed,
    maxIf(a_overall, a_finished) AS best_overall,
    countIf(a_red) AS red_line_attempts
FROM att
WHERE a_in_range
GROUP BY scenario, actor
SETTINGS output_format_json_quote_64bit_integers = 0
