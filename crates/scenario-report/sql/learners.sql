-- One row per learner, only when names are asked for.
SELECT scenario, actor,
    argMaxIf(name, name_key, name != '') AS name,
    count() AS attempts,
    countIf(finished) AS finished,
    countIf(passed) AS passed,
    maxIf(overall, finished) AS best_overall,
    countIf(red) AS red_line_attempts
FROM att
WHERE in_range
GROUP BY scenario, actor
SETTINGS output_format_json_quote_64bit_integers = 0
