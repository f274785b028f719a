-- Parts that unfold a list: percents per dimension, red-line acts, and choices offered (how
-- often, and their text in the latest answer offering them).
SELECT 'dimension' AS part, scenario, d.1 AS key, '' AS key2, d.2 AS percent,
       count() AS n1, toUInt64(0) AS n2, '' AS text
FROM att ARRAY JOIN a_dims AS d
WHERE a_in_range AND a_finished
GROUP BY scenario, d.1, d.2
UNION ALL
SELECT 'red_line', scenario, act, '', NULL, count(), uniqExact(actor, registration, attempt_no), ''
FROM seg ARRAY JOIN red_lines AS act
WHERE in_range AND is_answer
GROUP BY scenario, act
UNION ALL
SELECT 'offered', scenario, node, c.1, NULL, count(), toUInt64(0), argMaxIf(c.2, (ts, sid), c.2 != '')
FROM seg ARRAY JOIN offered AS c
WHERE in_range AND is_answer
GROUP BY scenario, node, c.1
SETTINGS output_format_json_quote_64bit_integers = 0
