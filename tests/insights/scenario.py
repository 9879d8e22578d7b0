"""A small organisation whose per-item samples are worked out by hand (times in seconds after BASE).

Team t1: a1, a2; team t2: a3. Conversations (queued at start unless said):

- c1 (cust-1, billing): queued 10, a1 at 40; blocks 50→80 and 100→160 (a1); resolved at 400;
  csat 5, nps 10; search s1 by a1 at 60, opened at 75.
- c2 (cust-3, billing): queued 1005, a1 at 1015; 1020→1030 (a1); transfer tr-1 at 1100, accepted by
  a2 at 1130; 1140→1200 (a2); transfer tr-2 at 1300, accepted by a1 at 1310; unresolved at 1500;
  csat 2, nps 3.
- c3 (cust-2, refund): a3 at 2100; 2110→2150 (a3); resolved at 2300; csat 4, nps 8; search s2 by a3
  at 2120, never opened; repeated by c6.
- c4 (cust-4): abandoned at 3200. c5 (cust-5): bot only, resolved at 4100 (self-served).
- c6 (cust-2, refund): queued 2400, a3 at 2410, resolved at 2500.
- s3: a1 at 5000 without a conversation, opened at 5030. Watermark: 8 days later (windows closed).
"""

from tests.metrics.factory import Events

DAY = 86_400


def scenario() -> Events:
    events = Events()
    events.team("t1")
    events.team("t2")
    for agent, team in (("a1", "t1"), ("a2", "t1"), ("a3", "t2")):
        events.agent(agent, team)
    events.started("c1", 0, customer="cust-1", category="billing")
    events.queued("c1", 10)
    events.assigned("c1", 40, "a1")
    events.customer("c1", 50)
    events.searched("s1", 60, "a1", "c1")
    events.opened("s1", 75, "a1")
    events.agent_says("c1", 80, "a1")
    events.customer("c1", 100)
    events.customer("c1", 110)
    events.agent_says("c1", 160, "a1")
    events.ended("c1", 400)
    events.feedback("c1", 500, csat=5, nps=10)

    events.started("c2", 1000, customer="cust-3", category="billing")
    events.queued("c2", 1005)
    events.assigned("c2", 1015, "a1")
    events.customer("c2", 1020)
    events.agent_says("c2", 1030, "a1")
    events.transferred("c2", 1100, "tr-1", "a1")
    events.assigned("c2", 1130, "a2", transfer_id="tr-1")
    events.customer("c2", 1140)
    events.agent_says("c2", 1200, "a2")
    events.transferred("c2", 1300, "tr-2", "a2")
    events.assigned("c2", 1310, "a1", transfer_id="tr-2")
    events.ended("c2", 1500, "unresolved")
    events.feedback("c2", 1600, csat=2, nps=3)

    events.started("c3", 2000, customer="cust-2", category="refund")
    events.queued("c3", 2000)
    events.assigned("c3", 2100, "a3")
    events.customer("c3", 2110)
    events.searched("s2", 2120, "a3", "c3")
    events.agent_says("c3", 2150, "a3")
    events.ended("c3", 2300)
    events.feedback("c3", 2350, csat=4, nps=8)
    events.started("c6", 2400, customer="cust-2", category="refund")
    events.queued("c6", 2400)
    events.assigned("c6", 2410, "a3")
    events.ended("c6", 2500)

    events.started("c4", 3000, customer="cust-4")
    events.queued("c4", 3000)
    events.ended("c4", 3200, "abandoned")
    events.started("c5", 4000, customer="cust-5")
    events.bot("c5", 4010)
    events.ended("c5", 4100)

    events.searched("s3", 5000, "a1")
    events.opened("s3", 5030, "a1")
    events.add("agent.status_changed", 8 * DAY, agent_id="a1", status="offline")
    return events
