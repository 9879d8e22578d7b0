-- Every metrics.md key by team × day, from the raw events alone (DuckDB).
--
-- Input: the view `events`, one row per event with its fields as columns (bench/duckdb_scan.py).
-- Parameters: $zone (organisation time zone), $from_us / $to_us (range of the bucketing
-- instant), $window_us (repeat window), $service_level_us (answer threshold).
-- Timeline order is (ts_us, id): "first" is arg_min(…, (ts_us, id)), "last" arg_max.
-- Team × day is an attributed grouping: conversation keys count conversations with a
-- final agent (team at the end), intervals count for the replying agent (team at the
-- reply), searches for the searching agent (team at the search); abandon_rate and
-- self_service_rate are null.
WITH
watermark AS (
    SELECT max(ts_us) AS watermark_us FROM events
),
membership_events AS (
    SELECT agent_id, team_id, ts_us, id FROM events WHERE type = 'agent.upserted'
),
membership AS (  -- an agent's team from ts_us on; at equal ts the later id wins
    SELECT agent_id, ts_us, arg_max(team_id, id) AS team_id FROM membership_events GROUP BY agent_id, ts_us
),
first_membership AS (  -- before its first upsert an agent is in that first upsert's team
    SELECT agent_id, arg_min(team_id, (ts_us, id)) AS team_id FROM membership_events GROUP BY agent_id
),
starts AS (  -- every known conversation: its first conversation.started
    SELECT conversation_id,
           min(ts_us) AS start_us,
           coalesce(arg_min_null(customer_id, (ts_us, id)), '') AS customer_id,
           arg_min_null(category, (ts_us, id)) AS start_category,
           coalesce(arg_min_null(direction, (ts_us, id)), 'inbound') AS direction
    FROM events WHERE type = 'conversation.started' GROUP BY conversation_id
),
categorized AS (
    SELECT conversation_id, arg_max(category, (ts_us, id)) AS category
    FROM events WHERE type = 'conversation.categorized' GROUP BY conversation_id
),
conversations AS (  -- with the current category (repeat detection needs every conversation)
    SELECT s.*, coalesce(c.category, s.start_category, 'uncategorized') AS category
    FROM starts s LEFT JOIN categorized c USING (conversation_id)
),
in_range AS (
    SELECT * FROM conversations WHERE start_us >= $from_us AND start_us < $to_us
),
range_events AS (  -- lifecycle, transfer and feedback events of the conversations in range
    SELECT e.* FROM events e SEMI JOIN in_range r USING (conversation_id)
    WHERE e.type IN ('conversation.queued', 'conversation.assigned', 'conversation.ended',
                     'conversation.transferred', 'feedback.submitted')
),
lifecycle AS (
    SELECT conversation_id,
           max(ts_us) FILTER (WHERE type = 'conversation.ended') AS end_us,
           arg_max_null(resolution, (ts_us, id)) FILTER (WHERE type = 'conversation.ended') AS resolution,
           min(ts_us) FILTER (WHERE type = 'conversation.queued') AS first_queued_us,
           min(ts_us) FILTER (WHERE type = 'conversation.assigned') AS first_assigned_us,
           count(*) FILTER (WHERE type = 'conversation.transferred') > 0 AS transferred,
           arg_max(csat, (ts_us, id)) FILTER (WHERE type = 'feedback.submitted' AND csat IS NOT NULL) AS csat,
           arg_max(nps, (ts_us, id)) FILTER (WHERE type = 'feedback.submitted' AND nps IS NOT NULL) AS nps,
           arg_max(resolved, (ts_us, id)) FILTER (WHERE type = 'feedback.submitted' AND resolved IS NOT NULL) AS feedback_resolved
    FROM range_events GROUP BY conversation_id
),
assignment AS (  -- final agent: last assignment at or before the end; answer: first at or after the first queue
    SELECT a.conversation_id,
           arg_max(a.agent_id, (a.ts_us, a.id)) FILTER (WHERE a.ts_us <= l.end_us) AS final_agent_id,
           min(a.ts_us) FILTER (WHERE a.ts_us >= l.first_queued_us AND (l.end_us IS NULL OR a.ts_us <= l.end_us)) AS answer_us
    FROM range_events a JOIN lifecycle l USING (conversation_id)
    WHERE a.type = 'conversation.assigned'
    GROUP BY a.conversation_id
),
transfer_firsts AS (
    SELECT conversation_id, transfer_id, min(ts_us) AS transfer_us
    FROM range_events WHERE type = 'conversation.transferred' GROUP BY conversation_id, transfer_id
),
transits AS (  -- accepted transfers: first assignment carrying the transfer id at or after it
    SELECT conversation_id, count(*) AS transits, sum(accepted_us - transfer_us) AS transit_us
    FROM (
        SELECT t.conversation_id, t.transfer_id, t.transfer_us, min(a.ts_us) AS accepted_us
        FROM transfer_firsts t
        JOIN range_events a ON a.type = 'conversation.assigned' AND a.conversation_id = t.conversation_id
             AND a.transfer_id = t.transfer_id AND a.ts_us >= t.transfer_us
        GROUP BY t.conversation_id, t.transfer_id, t.transfer_us
    ) GROUP BY conversation_id
),
facts AS (
    SELECT r.conversation_id, r.start_us, r.customer_id, r.category,
           strftime(timezone($zone, make_timestamptz(r.start_us)), '%Y-%m-%d') AS bucket,
           l.end_us, l.resolution, l.first_queued_us, l.first_assigned_us, coalesce(l.transferred, false) AS transferred,
           l.csat, l.nps, l.feedback_resolved, a.final_agent_id, a.answer_us,
           coalesce(t.transits, 0) AS transits, coalesce(t.transit_us, 0) AS transit_us,
           least(l.first_queued_us, l.first_assigned_us) AS human_start_us
    FROM in_range r
    LEFT JOIN lifecycle l USING (conversation_id)
    LEFT JOIN assignment a USING (conversation_id)
    LEFT JOIN transits t USING (conversation_id)
),
repeated AS (  -- followed within (end, end + window] by another non-outbound conversation, same customer and category
    SELECT DISTINCT f.conversation_id
    FROM facts f JOIN conversations later ON later.customer_id = f.customer_id AND later.category = f.category
    WHERE f.end_us IS NOT NULL AND later.direction <> 'outbound' AND later.conversation_id <> f.conversation_id
      AND later.start_us > f.end_us AND later.start_us <= f.end_us + $window_us
),
handled AS (
    SELECT f.*, f.conversation_id IN (SELECT conversation_id FROM repeated) AS repeat_contact
    FROM facts f WHERE f.final_agent_id IS NOT NULL
),
handled_teams AS (
    SELECT h.*, coalesce(m.team_id, fm.team_id) AS team_id
    FROM handled h
    ASOF LEFT JOIN membership m ON h.final_agent_id = m.agent_id AND h.end_us >= m.ts_us
    LEFT JOIN first_membership fm ON fm.agent_id = h.final_agent_id
),
conversation_cells AS (
    SELECT team_id, bucket,
           count(*) AS conversations,
           count(*) AS handled,
           sum(end_us - first_assigned_us) AS handle_us,
           count(*) FILTER (WHERE answer_us IS NOT NULL AND first_queued_us IS NOT NULL) AS queue_waits,
           coalesce(sum(answer_us - first_queued_us), 0) AS queue_wait_us,
           count(*) FILTER (WHERE first_queued_us IS NOT NULL AND (answer_us IS NOT NULL OR end_us IS NOT NULL)) AS service_level_population,
           count(*) FILTER (WHERE first_queued_us IS NOT NULL AND answer_us - first_queued_us <= $service_level_us) AS service_level_met,
           count(*) FILTER (WHERE transferred) AS transferred,
           sum(transits) AS transits,
           sum(transit_us) AS transit_us,
           count(*) FILTER (WHERE end_us + $window_us <= (SELECT watermark_us FROM watermark)) AS fcr_population,
           count(*) FILTER (WHERE end_us + $window_us <= (SELECT watermark_us FROM watermark)
                            AND resolution = 'resolved' AND feedback_resolved IS DISTINCT FROM false
                            AND NOT repeat_contact) AS fcr_resolved,
           count(*) FILTER (WHERE end_us + $window_us <= (SELECT watermark_us FROM watermark) AND repeat_contact) AS repeated,
           count(csat) AS csat_responses,
           coalesce(sum(csat), 0) AS csat_sum,
           count(*) FILTER (WHERE csat >= 4) AS csat_top2,
           count(nps) AS nps_responses,
           count(*) FILTER (WHERE nps >= 9) AS nps_promoters,
           count(*) FILTER (WHERE nps <= 6) AS nps_detractors
    FROM handled_teams GROUP BY team_id, bucket
),
phase_messages AS (  -- customer and agent messages of the human phase (first queue or assignment to the end)
    SELECT m.conversation_id, m.ts_us, m.id, m.sender, m.agent_id, f.final_agent_id IS NOT NULL AS handled, f.bucket
    FROM events m JOIN facts f USING (conversation_id)
    WHERE m.type = 'message.sent' AND f.human_start_us IS NOT NULL
      AND m.ts_us >= f.human_start_us AND (f.end_us IS NULL OR m.ts_us <= f.end_us)
      AND (m.sender = 'customer' OR (m.sender = 'agent' AND m.agent_id IS NOT NULL))
),
numbered AS (  -- block number: how many agent messages came before in timeline order
    SELECT *, coalesce(sum(CASE WHEN sender = 'agent' THEN 1 ELSE 0 END) OVER (
               PARTITION BY conversation_id ORDER BY ts_us, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS block
    FROM phase_messages
),
blocks AS (
    SELECT conversation_id, block, min(ts_us) AS block_start_us FROM numbered WHERE sender = 'customer' GROUP BY conversation_id, block
),
intervals AS (  -- each block closed by the next agent message; the first of a handled conversation is its first response
    SELECT n.conversation_id, n.agent_id, n.ts_us AS reply_us, n.bucket, n.ts_us - b.block_start_us AS interval_us,
           n.handled AND row_number() OVER (PARTITION BY n.conversation_id ORDER BY n.ts_us, n.id) = 1 AS first_response
    FROM numbered n JOIN blocks b USING (conversation_id, block)
    WHERE n.sender = 'agent'
),
interval_teams AS (
    SELECT i.*, coalesce(m.team_id, fm.team_id) AS team_id
    FROM intervals i
    ASOF LEFT JOIN membership m ON i.agent_id = m.agent_id AND i.reply_us >= m.ts_us
    LEFT JOIN first_membership fm ON fm.agent_id = i.agent_id
),
interval_cells AS (
    SELECT team_id, bucket,
           count(*) AS response_intervals,
           sum(interval_us) AS response_us,
           count(*) FILTER (WHERE first_response) AS first_responses,
           coalesce(sum(interval_us) FILTER (WHERE first_response), 0) AS first_response_us,
           quantile_cont(interval_us, 0.9) FILTER (WHERE first_response) AS first_response_p90_us
    FROM interval_teams GROUP BY team_id, bucket
),
searches AS (  -- the first kb.searched of each search id, in range by its own ts
    SELECT search_id, min(ts_us) AS ts_us, arg_min(agent_id, (ts_us, id)) AS agent_id
    FROM events WHERE type = 'kb.searched' GROUP BY search_id
    HAVING min(ts_us) >= $from_us AND min(ts_us) < $to_us
),
search_hits AS (
    SELECT s.search_id, min(o.ts_us) - s.ts_us AS time_to_hit_us
    FROM searches s JOIN events o ON o.type = 'kb.article_opened' AND o.search_id = s.search_id AND o.ts_us >= s.ts_us
    GROUP BY s.search_id, s.ts_us
),
search_teams AS (
    SELECT s.*, h.time_to_hit_us, coalesce(m.team_id, fm.team_id) AS team_id,
           strftime(timezone($zone, make_timestamptz(s.ts_us)), '%Y-%m-%d') AS bucket
    FROM searches s
    LEFT JOIN search_hits h USING (search_id)
    ASOF LEFT JOIN membership m ON s.agent_id = m.agent_id AND s.ts_us >= m.ts_us
    LEFT JOIN first_membership fm ON fm.agent_id = s.agent_id
),
search_cells AS (
    SELECT team_id, bucket, count(*) AS kb_searches, count(time_to_hit_us) AS kb_hits,
           coalesce(sum(time_to_hit_us), 0) AS kb_time_to_hit_us
    FROM search_teams GROUP BY team_id, bucket
),
cells AS (
    SELECT team_id, bucket,
           sum(conversations) AS conversations, sum(handled) AS handled, sum(handle_us) AS handle_us,
           sum(queue_waits) AS queue_waits, sum(queue_wait_us) AS queue_wait_us,
           sum(service_level_population) AS service_level_population, sum(service_level_met) AS service_level_met,
           sum(transferred) AS transferred, sum(transits) AS transits, sum(transit_us) AS transit_us,
           sum(fcr_population) AS fcr_population, sum(fcr_resolved) AS fcr_resolved, sum(repeated) AS repeated,
           sum(csat_responses) AS csat_responses, sum(csat_sum) AS csat_sum, sum(csat_top2) AS csat_top2,
           sum(nps_responses) AS nps_responses, sum(nps_promoters) AS nps_promoters, sum(nps_detractors) AS nps_detractors,
           sum(response_intervals) AS response_intervals, sum(response_us) AS response_us,
           sum(first_responses) AS first_responses, sum(first_response_us) AS first_response_us,
           max(first_response_p90_us) AS first_response_p90_us,
           sum(kb_searches) AS kb_searches, sum(kb_hits) AS kb_hits, sum(kb_time_to_hit_us) AS kb_time_to_hit_us
    FROM (
        SELECT * FROM conversation_cells
        UNION ALL BY NAME SELECT * FROM interval_cells
        UNION ALL BY NAME SELECT * FROM search_cells
    ) GROUP BY team_id, bucket
)
SELECT team_id, bucket,
       coalesce(conversations, 0)::BIGINT AS conversations,
       coalesce(handled, 0)::BIGINT AS handled,
       CASE WHEN first_responses > 0 THEN first_response_us / first_responses / 1e6 END AS first_response_avg_s,
       first_response_p90_us / 1e6 AS first_response_p90_s,
       CASE WHEN response_intervals > 0 THEN response_us / response_intervals / 1e6 END AS response_avg_s,
       CASE WHEN handled > 0 THEN handle_us / handled / 1e6 END AS handle_avg_s,
       CASE WHEN queue_waits > 0 THEN queue_wait_us / queue_waits / 1e6 END AS queue_wait_avg_s,
       CASE WHEN service_level_population > 0 THEN service_level_met / service_level_population END AS service_level,
       NULL::DOUBLE AS abandon_rate,
       CASE WHEN handled > 0 THEN transferred / handled END AS transfer_rate,
       CASE WHEN transits > 0 THEN transit_us / transits / 1e6 END AS transfer_transit_avg_s,
       CASE WHEN fcr_population > 0 THEN fcr_resolved / fcr_population END AS fcr_rate,
       CASE WHEN fcr_population > 0 THEN repeated / fcr_population END AS repeat_rate,
       CASE WHEN kb_searches > 0 THEN kb_hits / kb_searches END AS kb_hit_rate,
       CASE WHEN kb_hits > 0 THEN kb_time_to_hit_us / kb_hits / 1e6 END AS kb_time_to_hit_avg_s,
       NULL::DOUBLE AS self_service_rate,
       CASE WHEN csat_responses > 0 THEN csat_sum / csat_responses END AS csat_avg,
       CASE WHEN csat_responses > 0 THEN csat_top2 / csat_responses END AS csat_top2_rate,
       CASE WHEN nps_responses > 0 THEN 100 * (nps_promoters - nps_detractors) / nps_responses END AS nps
FROM cells
ORDER BY team_id NULLS LAST, bucket
