"""Sampling: per-agent-week coverage, the overall rate, risk on top, balanced assignment, reproducible for a seed."""

from zoneinfo import ZoneInfo

from server.quality.sampling import Candidate, SamplingPlanRules, coverage, draw

UTC = ZoneInfo("UTC")
MONDAY_US = 1_772_409_600_000_000  # 2026-03-02T00:00:00Z, a Monday (ISO week 10)
DAY_US = 86_400_000_000


def candidates() -> list[Candidate]:
    """3 agents × 2 weeks; agent-c has a single conversation in week 11; every 10th conversation carries risks."""
    found = []
    for agent, per_week in (("agent-a", 40), ("agent-b", 30), ("agent-c", 20)):
        for week in (0, 1):
            count = 1 if agent == "agent-c" and week == 1 else per_week
            for index in range(count):
                number = len(found)
                found.append(Candidate(
                    f"conv-{number:04d}", agent, ("chat", "phone")[index % 2], ("物流查询", "退换货", "发票")[index % 3],
                    MONDAY_US + week * 7 * DAY_US + (index % 5) * DAY_US,
                    frozenset({"low_csat", "transfer"} if number % 10 == 0 else set()),
                ))
    return found


def test_targets_met_and_counts_hand_computed() -> None:
    pool = candidates()  # 40+40+30+30+20+1 = 161
    plan = SamplingPlanRules(per_agent_week=2, overall_rate=0.10, risk_limit=5)
    sample = draw(pool, plan, ["rev-1", "rev-2", "rev-3"], seed=7, zone=UTC)
    reasons = list(sample.picked.values())
    # stratified: 2 each in 5 agent-weeks + 1 (agent-c week 11) = 11; overall ⌈0.10 · 161⌉ = 17 → 6 more; risk 5 on top
    assert (reasons.count("stratified"), reasons.count("overall"), reasons.count("risk")) == (11, 6, 5)
    result = coverage(pool, sample, plan, zone=UTC)
    assert (result.candidates, result.picked, result.agent_weeks, result.agent_weeks_met) == (161, 22, 6, 6)
    loads = sorted(list(sample.assignments.values()).count(r) for r in ("rev-1", "rev-2", "rev-3"))
    assert loads == [7, 7, 8]


def test_the_same_seed_gives_the_same_sample() -> None:
    plan = SamplingPlanRules()
    first = draw(candidates(), plan, ["rev-1", "rev-2"], seed=42, zone=UTC)
    again = draw(list(reversed(candidates())), plan, ["rev-2", "rev-1"], seed=42, zone=UTC)
    other = draw(candidates(), plan, ["rev-1", "rev-2"], seed=43, zone=UTC)
    assert (first.picked, first.assignments) == (again.picked, again.assignments)
    assert first.picked != other.picked


def test_existing_load_is_balanced() -> None:
    plan = SamplingPlanRules(per_agent_week=1, overall_rate=0.0, risk_limit=0)
    sample = draw(candidates(), plan, ["rev-1", "rev-2"], seed=1, zone=UTC, load={"rev-1": 4})
    # 6 picked (one per agent-week); rev-2 first takes 4 to catch up, then they alternate: rev-1 1, rev-2 5
    assigned = list(sample.assignments.values())
    assert (assigned.count("rev-1"), assigned.count("rev-2")) == (1, 5)
