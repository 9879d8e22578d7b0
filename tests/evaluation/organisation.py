"""A team for the evaluation tests, as events through the real pipeline; times in seconds after the factory's BASE.

Team t-east: a1 (the coached agent) and c1–c4; team t-west: w1 and w2 on chat, w3 on voice.
Each agent answers ``PER_WINDOW`` conversations per week; its first response times are drawn
from a seeded log-normal generator around its own level, and a1's are 40 % faster in week 3.
Week 1 is the before window, week 2 the plan, week 3 the after window.
"""

from dataclasses import dataclass, field

import numpy as np

from server.coaching.events import PlanEnded
from server.timefmt import to_us
from tests.insights.builders import DAY, HOUR, replied
from tests.metrics.factory import BASE, Events

PER_WINDOW = 40
WEEK = 7 * DAY
BEFORE_START, AFTER_START = 0, 2 * WEEK
LEVELS = {"a1": 60, "c1": 50, "c2": 70, "c3": 55, "c4": 65, "w1": 58, "w2": 62, "w3": 40}
TEAMS = {"a1": "t-east", "c1": "t-east", "c2": "t-east", "c3": "t-east", "c4": "t-east", "w1": "t-west", "w2": "t-west", "w3": "t-west"}
CHANNELS = {"w3": "voice"}
COACHED_FACTOR = 0.6


@dataclass
class Organisation:
    events: Events = field(default_factory=Events)
    first_responses: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    """(agent, window start in seconds) → the first response times drawn, in seconds."""


def organisation(seed: int = 11, agents: tuple[str, ...] = tuple(LEVELS), *, coached_factor: float = COACHED_FACTOR,
                 team_factor: float = 1.0) -> Organisation:
    """The teams' events; in the after window everybody's times are scaled by ``team_factor`` and a1's also by ``coached_factor``."""
    generator = np.random.default_rng(seed)
    found = Organisation()
    for agent in agents:
        found.events.agent(agent, TEAMS[agent])
    for agent in agents:
        for start in (BEFORE_START, AFTER_START):
            factor = (team_factor * (coached_factor if agent == "a1" else 1.0)) if start == AFTER_START else 1.0
            values = [max(1, int(v)) for v in generator.lognormal(np.log(LEVELS[agent] * factor), 0.3, PER_WINDOW)]
            found.first_responses[(agent, start)] = values
            for index, value in enumerate(values):
                conversation, at = f"{agent}-{start}-{index}", start + index * 3 * HOUR
                found.events.started(conversation, at, customer=f"cust-{conversation}", channel=CHANNELS.get(agent, "chat"))
                found.events.queued(conversation, at)
                found.events.assigned(conversation, at + 10, agent)
                replied(found.events, conversation, at + 20, agent, [value])
                found.events.ended(conversation, at + 1000)
    found.events.add("agent.status_changed", 5 * WEEK, agent_id="watermark", status="offline")
    return found


def plan_ended(plan_id: str = "plan-1", *, coached_elsewhere: tuple[str, ...] = ()) -> PlanEnded:
    base = to_us(BASE)
    return PlanEnded(
        plan_id=plan_id, agent_id="a1", team_id="t-east", metric_key="first_response_avg_s", goal_id=None,
        before_start_us=base + BEFORE_START * 1_000_000, before_end_us=base + WEEK * 1_000_000,
        after_start_us=base + AFTER_START * 1_000_000, after_end_us=base + 3 * WEEK * 1_000_000,
        agents_with_plan_on_metric=("a1", *coached_elsewhere), ended_at_us=base + 3 * WEEK * 1_000_000,
    )
