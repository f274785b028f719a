-- scenario-report: the cohort aggregation over Ralph's ClickHouse table, the same numbers as
-- the Rust aggregation (crates/scenario-report/src/cohort.rs). This prefix parses and
-- selects the statements and tells attempts apart; attempts.sql, answers.sql, lists.sql and
-- learners.sql each finish it into one part of the tally. Parameters (ClickHouse query
-- parameters, sent as param_NAME, never spliced into the text):
--   {database:Identifier}.{table:Identifier}  Ralph's table (default xapi.xapi_events_all)
--   {activity:String}            the scenario activity IRI; '' = every scenario-quiz activity
--   {grouping:String}            a contextActivities.grouping id; '' = no grouping filter
--   {registrations:Array(String)} registrations to keep (lower case); [] = all
--   {since_us:Int64} {until_us:Int64}  attempts starting in [since, until), UTC microseconds
WITH
s AS (
    SELECT
        -- Each JSONExtract parses its argument: the big statement is parsed once per part
        -- taken out of it, the parts (actor, context, result) are small.
        JSONExtractRaw(event, 'actor') AS j_actor,
        JSONExtractRaw(event, 'context') AS j_ctx,
        JSONExtractRaw(j_ctx, 'extensions') AS j_cx,
        JSONExtractRaw(event, 'result') AS j_res,
        JSONExtractRaw(j_res, 'extensions') AS j_rx,
        event_id,
        lower(JSONExtractString(event, 'id')) AS sid,
        JSONExtractString(event, 'verb', 'id') AS verb,
        verb = 'http://adlnet.gov/expapi/verbs/answered' AS is_answer,
        JSONExtractString(event, 'object', 'id') AS object_id,
        if(is_answer, regexpExtract(object_id, '^(.+)/decision/([^/]+)$', 1), object_id) AS scenario,
        if(is_answer, regexpExtract(object_id, '^(.+)/decision/([^/]+)$', 2), '') AS node,
        toUnixTimestamp64Micro(emission_time) AS ts,
        multiIf(
            JSONHas(j_actor, 'mbox'), concat('mbox:', JSONExtractString(j_actor, 'mbox')),
            JSONHas(j_actor, 'mbox_sha1sum'), concat('mbox_sha1sum:', JSONExtractString(j_actor, 'mbox_sha1sum')),
            JSONHas(j_actor, 'openid'), concat('openid:', JSONExtractString(j_actor, 'openid')),
            JSONHas(j_actor, 'account'), concat('account:', JSONExtractString(j_actor, 'account', 'homePage'), '|', JSONExtractString(j_actor, 'account', 'name')),
            '') AS actor,
        trimBoth(JSONExtractString(j_actor, 'name')) AS name,
        lower(trimBoth(JSONExtractString(j_ctx, 'registration'))) AS registration,
        multiIf(
            JSONType(j_cx, 'https://scenario-quiz.github.io/xapi/extensions/scenario-fingerprint') = 'String',
            trimBoth(JSONExtractString(j_cx, 'https://scenario-quiz.github.io/xapi/extensions/scenario-fingerprint')),
            JSONType(j_cx, 'https://scenario-quiz.github.io/xapi/extensions/scenario-fingerprint') IN ('Int64', 'UInt64', 'Double'),
            JSONExtractRaw(j_cx, 'https://scenario-quiz.github.io/xapi/extensions/scenario-fingerprint'),
            '') AS fingerprint,
        JSONExtractString(j_res, 'response') AS choice,
        JSONExtractUInt(j_rx, 'https://scenario-quiz.github.io/xapi/extensions/decision-number') AS dn,
        JSONExtract(j_res, 'success', 'Nullable(Bool)') AS success,
        JSONExtract(j_rx, 'https://scenario-quiz.github.io/xapi/extensions/red-lines', 'Array(String)') AS red_lines,
        JSONType(j_rx, 'https://scenario-quiz.github.io/xapi/extensions/scores') = 'Object' AS has_scores,
        JSONExtract(j_rx, 'https://scenario-quiz.github.io/xapi/extensions/scores', 'Map(String, Int64)') AS scores,
        arraySort(x -> x.1, arrayMap(x -> (
            JSONExtractString(x, 'id'),
            multiIf(
                JSONHas(x, 'description', 'en-GB'), JSONExtractString(x, 'description', 'en-GB'),
                JSONHas(x, 'description', 'en-US'), JSONExtractString(x, 'description', 'en-US'),
                JSONHas(x, 'description', 'en'), JSONExtractString(x, 'description', 'en'),
                notEmpty(JSONExtractKeys(x, 'description')), JSONExtractString(x, 'description', arraySort(JSONExtractKeys(x, 'description'))[1]),
                '')),
            JSONExtractArrayRaw(event, 'object', 'definition', 'choices'))) AS offered,
        verb = 'http://adlnet.gov/expapi/verbs/passed' AS passed,
        if(JSONType(j_res, 'score', 'raw') IN ('Int64', 'UInt64', 'Double'),
           toNullable(toInt64(floor(JSONExtractFloat(j_res, 'score', 'raw') + 0.5))),
           NULL) AS overall,
        arrayMap(kv -> (kv.1, if(isNull(kv.2), NULL, toNullable(toInt64(floor(assumeNotNull(kv.2) + 0.5))))),
            JSONExtractKeysAndValues(j_rx, 'https://scenario-quiz.github.io/xapi/extensions/dimension-percents', 'Nullable(Float64)')) AS dims,
        JSONExtract(j_rx, 'https://scenario-quiz.github.io/xapi/extensions/red-lines-crossed', 'Array(String)') AS crossed,
        JSONExtractString(j_rx, 'https://scenario-quiz.github.io/xapi/extensions/ending') AS ending,
        JSONExtractString(j_rx, 'https://scenario-quiz.github.io/xapi/extensions/outcome') AS outcome
    FROM {database:Identifier}.{table:Identifier}
    WHERE verb IN ('http://adlnet.gov/expapi/verbs/answered', 'http://adlnet.gov/expapi/verbs/passed', 'http://adlnet.gov/expapi/verbs/failed')
      AND if({activity:String} = '', JSONExtractString(j_ctx, 'platform') = 'scenario-quiz', scenario = {activity:String})
      AND scenario != ''
      AND ({grouping:String} = '' OR has(arrayMap(x -> JSONExtractString(x, 'id'), JSONExtractArrayRaw(j_ctx, 'contextActivities', 'grouping')), {grouping:String}))
      AND (empty({registrations:Array(String)}) OR has({registrations:Array(String)}, registration))
      AND actor != ''
      AND match(sid, '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
      AND (NOT is_answer OR (choice != '' AND dn >= 1))
    LIMIT 1 BY event_id
),
-- An attempt is cut before a statement that follows an ending, and before an answer whose
-- decision-number is not above the previous answer's (cohort.rs, "An attempt").
o AS (
    SELECT *,
        lagInFrame(toNullable(is_answer)) OVER w AS prev_answer,
        lagInFrame(dn) OVER w AS prev_dn
    FROM s
    WINDOW w AS (PARTITION BY scenario, actor, registration ORDER BY ts, if(is_answer, 1, 2), dn, sid
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
a AS (
    SELECT *,
        sum(toUInt64(isNull(prev_answer) OR NOT assumeNotNull(prev_answer) OR (is_answer AND dn <= prev_dn)))
            OVER (PARTITION BY scenario, actor, registration ORDER BY ts, if(is_answer, 1, 2), dn, sid
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS attempt_no
    FROM o
),
seg AS (
    SELECT *,
        start_ts >= {since_us:Int64} AND start_ts < {until_us:Int64} AS in_range
    FROM (
        SELECT *,
            min(ts) OVER (PARTITION BY scenario, actor, registration, attempt_no) AS start_ts,
            countIf(NOT is_answer) OVER (PARTITION BY scenario, actor, registration, attempt_no) AS endings,
            anyIf(ending, NOT is_answer) OVER (PARTITION BY scenario, actor, registration, attempt_no) AS attempt_ending
        FROM a
    )
),
att AS (
    SELECT scenario, actor, registration, attempt_no,
        any(in_range) AS a_in_range,
        argMin(fingerprint, (ts, if(is_answer, 1, 2), dn, sid)) AS a_fingerprint,
        countIf(NOT is_answer) > 0 AS a_finished,
        countIf(passed) > 0 AS a_passed,
        anyIf(overall, NOT is_answer) AS a_overall,
        anyIf(dims, NOT is_answer) AS a_dims,
        anyIf(ending, NOT is_answer) AS a_ending,
        anyIf(outcome, NOT is_answer) AS a_outcome,
        countIf(is_answer AND (ifNull(success = false, 0) OR notEmpty(red_lines))) + countIf(NOT is_answer AND notEmpty(crossed)) > 0 AS a_red,
        argMaxIf(name, (ts, sid), name != '') AS a_name,
        maxIf((ts, sid), name != '') AS a_name_key
    FROM seg
    GROUP BY scenario, actor, registration, attempt_no
)
