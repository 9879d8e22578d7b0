"""One service morning with a hand-computed answer for every metric key.

Base: Monday 2026-03-02 09:00 Asia/Shanghai; times are seconds after it. Agents: a1
in t1; a2 in t1 until it moves to t2 at 3600; a3 never upserted (no team). The
repeat window is 7 days and the service level 30 s.

- c1 chat u1 billing: bot phase (customer 5, bot 6 ignored), queued 10, customer 12,
  a1 assigned 20, a1 32 (interval 20, first response), customers 40 and 45, a1 50
  (interval 10), ended 100 resolved. Wait 10, handle 80. Feedback csat 5, nps 10.
  Repeated by c3. KB s1: a1 searches at 30, a2 opens at 35 (hit, 5 s).
- c2 phone u2 (uncategorized): queued 1000, a2 assigned 1060 (wait 60 > 30),
  customer 1070, a2 1100 (interval 30, first response, a2 then in t1), transfer x1
  from a2 at 1200, a1 accepts x1 at 1230 (transit 30), customer 1240, a1 1250
  (interval 10), ended 1300 unresolved: final agent a1 (t1), handle 240. Feedback nps 3.
- c3 chat u1 billing, starts 5000 (inside c1's window: c1 is repeated): queued 5010,
  a2 assigned 5020 (wait 10), customer 5030, a2 5045 (interval 15, a2 now in t2),
  ended 5100 resolved: final a2 (t2), handle 80. Feedback csat 3, resolved true.
  KB s2: a2 searches at 5040, an open at 5030 is before it: miss.
- c4 chat u3 billing: queued 6005, ended 6100 abandoned, never assigned.
- c5 mini_program u4 退款: bot only (customer 7001, bot 7002), ended 7010 resolved:
  self-served. Feedback csat 4, nps 9, resolved true.
- c6 chat u5 billing, still open: queued 8010, a3 assigned 8020 (wait 10), customer
  8030, a3 8090 (interval 60, no team). No final agent.
- c7 email u1 billing, outbound: a1 assigned 9010 (never queued), a1 9020 (no block
  open), customer 9100, a1 9140 (interval 40, first response), ended 9200 resolved,
  handle 190. Outbound, so it does not repeat c3.
- s3: a1 searches at 300 without a conversation, opened at 320 (hit, 20 s).
  s4: a3 searches at 8050 naming an unknown conversation: miss.
- A team upsert at 7 days + 6000 s sets the watermark: the windows of c1, c2 and c3
  have closed (end + 7 days ≤ watermark), c7's (9200 + 7 days) has not.
"""

from typing import Any

from tests.metrics.factory import Events

WEEK = 7 * 86_400


def morning() -> Events:
    events = Events()
    events.team("t1")
    events.team("t2")
    events.agent("a1", "t1")
    events.agent("a2", "t1")
    events.agent("a2", "t2", at=3600)

    events.started("c1", 0, customer="u1", channel="chat", category="billing")
    events.customer("c1", 5, "在吗")
    events.bot("c1", 6)
    events.queued("c1", 10)
    events.customer("c1", 12, "我的账单有问题")
    events.assigned("c1", 20, "a1")
    events.searched("s1", 30, "a1", "c1")
    events.agent_says("c1", 32, "a1")
    events.opened("s1", 35, "a2")
    events.customer("c1", 40, "扣了两次费")
    events.customer("c1", 45, "请退一笔")
    events.agent_says("c1", 50, "a1", "已为您退回重复扣款")
    events.ended("c1", 100, "resolved")
    events.feedback("c1", 200, csat=5, nps=10)

    events.searched("s3", 300, "a1")
    events.opened("s3", 320, "a1")

    events.started("c2", 1000, customer="u2", channel="Phone")
    events.queued("c2", 1000)
    events.assigned("c2", 1060, "a2")
    events.customer("c2", 1070, "快递丢了")
    events.agent_says("c2", 1100, "a2")
    events.transferred("c2", 1200, "x1", "a2", to_agent_id="a1")
    events.assigned("c2", 1230, "a1", transfer_id="x1")
    events.customer("c2", 1240)
    events.agent_says("c2", 1250, "a1")
    events.ended("c2", 1300, "unresolved")
    events.feedback("c2", 1400, nps=3)

    events.started("c3", 5000, customer="u1", channel="chat", category="billing")
    events.queued("c3", 5010)
    events.assigned("c3", 5020, "a2")
    events.opened("s2", 5030, "a2")
    events.customer("c3", 5030, "还是没退")
    events.searched("s2", 5040, "a2", "c3")
    events.agent_says("c3", 5045, "a2")
    events.ended("c3", 5100, "resolved")
    events.feedback("c3", 5200, csat=3, resolved=True)

    events.started("c4", 6000, customer="u3", channel="chat", category="billing")
    events.queued("c4", 6005)
    events.ended("c4", 6100, "abandoned")

    events.started("c5", 7000, customer="u4", channel="mini_program", category="退款")
    events.customer("c5", 7001)
    events.bot("c5", 7002)
    events.ended("c5", 7010, "resolved")
    events.feedback("c5", 7100, csat=4, nps=9, resolved=True)

    events.started("c6", 8000, customer="u5", channel="chat", category="billing")
    events.queued("c6", 8010)
    events.assigned("c6", 8020, "a3")
    events.customer("c6", 8030)
    events.searched("s4", 8050, "a3", "no-such-conversation")
    events.agent_says("c6", 8090, "a3")

    events.started("c7", 9000, customer="u1", channel="email", category="billing", direction="outbound")
    events.assigned("c7", 9010, "a1")
    events.agent_says("c7", 9020, "a1", "您好，回访一下您的退款")
    events.customer("c7", 9100)
    events.agent_says("c7", 9140, "a1")
    events.ended("c7", 9200, "resolved")

    events.team("t3", at=WEEK + 6000)
    return events


def row(**values: Any) -> dict[str, Any]:
    """A full row: every key null except those given (counts default to 0)."""
    keys = (
        "conversations", "handled", "first_response_avg_s", "first_response_p90_s", "response_avg_s", "handle_avg_s",
        "queue_wait_avg_s", "service_level", "abandon_rate", "transfer_rate", "transfer_transit_avg_s", "fcr_rate",
        "repeat_rate", "kb_hit_rate", "kb_time_to_hit_avg_s", "self_service_rate", "csat_avg", "csat_top2_rate", "nps",
    )
    dimensions = {key: value for key, value in values.items() if key not in keys}
    metrics = {key: values.get(key, 0 if key in ("conversations", "handled") else None) for key in keys}
    return {**dimensions, **metrics}


# Whole morning. First responses 20 (c1), 30 (c2), 15 (c3), 40 (c7): mean 105/4; sorted
# 15 20 30 40, rank 0.9 × 3 = 2.7 → 30 + 0.7 × 10 = 37. Intervals 20 10 30 10 15 60 40: 185/7.
# Handle 80 240 80 190: 590/4. Waits 10 60 10 10: 90/4. Service level: c1 c3 c6 of c1 c2 c3 c4 c6.
# Abandon: c4 of c1–c4. Transfers: c2 of 4 handled; transit 30. FCR population c1 c2 c3: c3
# resolved first time, c1 repeated. KB: s1 s3 hit of 4, (5 + 20) / 2. Self-service: c5 of the
# 6 ended. CSAT 5 3 4: 12/3, top-2 c1 c5. NPS 10 3 9: 100 × (2 − 1) / 3.
TOTAL = row(
    conversations=7, handled=4, first_response_avg_s=105 / 4, first_response_p90_s=37.0, response_avg_s=185 / 7,
    handle_avg_s=590 / 4, queue_wait_avg_s=90 / 4, service_level=3 / 5, abandon_rate=1 / 4, transfer_rate=1 / 4,
    transfer_transit_avg_s=30.0, fcr_rate=1 / 3, repeat_rate=1 / 3, kb_hit_rate=2 / 4, kb_time_to_hit_avg_s=25 / 2,
    self_service_rate=1 / 6, csat_avg=12 / 3, csat_top2_rate=2 / 3, nps=100 / 3,
)

# By agent. a1: final agent of c1 c2 c7; replies 20 10 (c1), 10 (c2), 40 (c7); first responses
# 20 and 40 → p90 20 + 0.9 × 20; searches s1 s3. a2: final of c3; first responses 30 (c2) and
# 15 (c3) → p90 15 + 0.9 × 15; search s2 missed. a3: only c6's interval 60 and search s4.
BY_AGENT = [
    row(agent_id="a1", conversations=3, handled=3, first_response_avg_s=30.0, first_response_p90_s=38.0,
        response_avg_s=80 / 4, handle_avg_s=510 / 3, queue_wait_avg_s=70 / 2, service_level=1 / 2, transfer_rate=1 / 3,
        transfer_transit_avg_s=30.0, fcr_rate=0.0, repeat_rate=1 / 2, kb_hit_rate=1.0, kb_time_to_hit_avg_s=25 / 2,
        csat_avg=5.0, csat_top2_rate=1.0, nps=0.0),
    row(agent_id="a2", conversations=1, handled=1, first_response_avg_s=45 / 2, first_response_p90_s=28.5,
        response_avg_s=45 / 2, handle_avg_s=80.0, queue_wait_avg_s=10.0, service_level=1.0, transfer_rate=0.0,
        fcr_rate=1.0, repeat_rate=0.0, kb_hit_rate=0.0, csat_avg=3.0, csat_top2_rate=0.0),
    row(agent_id="a3", response_avg_s=60.0, kb_hit_rate=0.0),
]

# By team at the time: t1 has a1's work and a2's reply at 1100 (before the move); t2 has c3
# (a2 at its end and at its reply 5045) and s2; a3's work has no team (null, sorted last).
BY_TEAM = [
    row(team_id="t1", conversations=3, handled=3, first_response_avg_s=30.0, first_response_p90_s=38.0,
        response_avg_s=110 / 5, handle_avg_s=510 / 3, queue_wait_avg_s=70 / 2, service_level=1 / 2,
        transfer_rate=1 / 3, transfer_transit_avg_s=30.0, fcr_rate=0.0, repeat_rate=1 / 2, kb_hit_rate=1.0,
        kb_time_to_hit_avg_s=25 / 2, csat_avg=5.0, csat_top2_rate=1.0, nps=0.0),
    row(team_id="t2", conversations=1, handled=1, first_response_avg_s=15.0, first_response_p90_s=15.0,
        response_avg_s=15.0, handle_avg_s=80.0, queue_wait_avg_s=10.0, service_level=1.0, transfer_rate=0.0,
        fcr_rate=1.0, repeat_rate=0.0, kb_hit_rate=0.0, csat_avg=3.0, csat_top2_rate=0.0),
    row(team_id=None, response_avg_s=60.0, kb_hit_rate=0.0),
]

# By channel: searches of unknown conversations (s3, s4) do not count here.
BY_CHANNEL = [
    row(channel="chat", conversations=4, handled=2, first_response_avg_s=35 / 2, first_response_p90_s=19.5,
        response_avg_s=105 / 4, handle_avg_s=80.0, queue_wait_avg_s=10.0, service_level=3 / 4, abandon_rate=1 / 3,
        transfer_rate=0.0, fcr_rate=1 / 2, repeat_rate=1 / 2, kb_hit_rate=1 / 2, kb_time_to_hit_avg_s=5.0,
        self_service_rate=0.0, csat_avg=4.0, csat_top2_rate=1 / 2, nps=100.0),
    row(channel="email", conversations=1, handled=1, first_response_avg_s=40.0, first_response_p90_s=40.0,
        response_avg_s=40.0, handle_avg_s=190.0, transfer_rate=0.0, self_service_rate=0.0),
    row(channel="mini_program", conversations=1, self_service_rate=1.0, csat_avg=4.0, csat_top2_rate=1.0, nps=100.0),
    row(channel="phone", conversations=1, handled=1, first_response_avg_s=30.0, first_response_p90_s=30.0,
        response_avg_s=20.0, handle_avg_s=240.0, queue_wait_avg_s=60.0, service_level=0.0, abandon_rate=0.0,
        transfer_rate=1.0, transfer_transit_avg_s=30.0, fcr_rate=0.0, repeat_rate=0.0, self_service_rate=0.0, nps=-100.0),
]
