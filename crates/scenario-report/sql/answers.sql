-- Answer-level parts: decisions, choices (with what the latest answer choosing each said of
-- it), choices per fingerprint, offer patterns, and steps to the next decision or ending.
SELECT
    multiIf(g = 15, 'node', g = 7, 'choice', g = 3, 'version', g = 5, 'offer', g = 6, 'edge', 'unknown') AS part,
    scenario, node, choice, fingerprint, offered_ids, next,
    count() AS answers,
    uniqExact(actor) AS learners,
    uniqExact(actor, registration, attempt_no) AS attempts,
    min(dn) AS first_number,
    countIf(ifNull(success = false, 0)) AS critical_answers,
    argMax(has_scores, (ts, sid)) AS latest_has_scores,
    argMax(scores, (ts, sid)) AS latest_scores,
    argMax(red_lines, (ts, sid)) AS latest_red_lines,
    argMax(ifNull(success = false, 0) OR notEmpty(red_lines), (ts, sid)) AS latest_critical,
    grouping(choice, fingerprint, offered_ids, next) AS g
FROM (
    SELECT *,
        arrayMap(x -> x.1, offered) AS offered_ids,
        ifNull(
            leadInFrame(toNullable(node)) OVER (PARTITION BY scenario, actor, registration, attempt_no ORDER BY ts, dn, sid
                                                ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING),
            if(endings > 0, if(attempt_ending = '', '(ending)', attempt_ending), NULL)) AS next
    FROM seg
    WHERE is_answer AND in_range
)
GROUP BY GROUPING SETS ((scenario, node), (scenario, node, choice), (scenario, node, choice, fingerprint),
                        (scenario, node, offered_ids, choice), (scenario, node, choice, next))
SETTINGS output_format_json_quote_64bit_integers = 0
