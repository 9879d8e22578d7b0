"""The allocation rule on hand-computed cases, and its invariants over generated ones."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.goals.planning import agent_of_part, team_of_part
from server.goals.allocation import (
    Combination, PartBaseline, Rule, allocate, best_tenth, combine, decompose,
)

FCR = [PartBaseline("A", 0.70, 100), PartBaseline("B", 0.80, 300), PartBaseline("C", 0.90, 100)]


def targets_of(allocation) -> dict[str, tuple[float, Rule]]:  # noqa: ANN001
    return {part.key: (part.target, part.rule) for part in allocation.parts}


def test_far_parts_carry_more_and_parts_past_the_target_keep_their_level() -> None:
    result = allocate(0.85, FCR, higher_is_better=True, combination=Combination.WEIGHTED)

    # C is 0.05 past the target on 100: a surplus of 5; the gaps are A 0.15 × 100 = 15 and B 0.05 × 300 = 15,
    # so A and B close 25/30 = 5/6 of their gaps.
    assert targets_of(result) == {
        "A": (pytest.approx(0.825, abs=1e-12), Rule.ALLOCATED),
        "B": (pytest.approx(0.80 + 0.05 * 5 / 6, abs=1e-12), Rule.ALLOCATED),
        "C": (0.90, Rule.KEPT),
    }
    assert result.shortfall == 0.0
    assert combine([p.target for p in result.parts], [100, 300, 100], Combination.WEIGHTED) == pytest.approx(0.85, abs=1e-12)


def test_caps_below_the_target_leave_a_reported_shortfall() -> None:
    result = allocate(0.85, FCR, higher_is_better=True, combination=Combination.WEIGHTED, cap=0.82)

    # Both capped at 0.82: they bring 100 × 0.12 + 300 × 0.02 = 18 of the 25 needed; 7 / 500 = 0.014 short.
    assert targets_of(result) == {"A": (0.82, Rule.CAPPED), "B": (0.82, Rule.CAPPED), "C": (0.90, Rule.KEPT)}
    assert result.shortfall == pytest.approx(0.014, abs=1e-12)
    combined = combine([p.target for p in result.parts], [100, 300, 100], Combination.WEIGHTED)
    assert combined + result.shortfall == pytest.approx(0.85, abs=1e-12)


def test_a_capped_part_raises_the_uncapped_ones_proportionally() -> None:
    parts = [PartBaseline("A", 0.50, 100), PartBaseline("B", 0.80, 100), PartBaseline("C", 0.95, 100)]
    result = allocate(0.85, parts, higher_is_better=True, combination=Combination.WEIGHTED, cap=0.83)

    # Uncapped: factor 30/40, B would reach 0.8375 > 0.83; capped it brings 3, A brings the other 27 of its 35.
    assert targets_of(result) == {
        "A": (pytest.approx(0.77, abs=1e-12), Rule.ALLOCATED), "B": (0.83, Rule.CAPPED), "C": (0.95, Rule.KEPT),
    }
    assert result.shortfall == 0.0


def test_lower_is_better_with_a_low_volume_agent() -> None:
    parts = [PartBaseline("A", 360.0, 50), PartBaseline("B", 280.0, 100), PartBaseline("C", 250.0, 50), PartBaseline("D", 400.0, 5)]
    result = allocate(270.0, parts, higher_is_better=False, combination=Combination.WEIGHTED, minimum_volume=10)

    # D has 5 < 10: the parent's target. Surplus C 20 × 50 = 1000 and D's 5 × 0; gaps A 4500, B 1000: factor 4500/5500.
    assert targets_of(result) == {
        "A": (pytest.approx(360 - 90 * 9 / 11, abs=1e-9), Rule.ALLOCATED),
        "B": (pytest.approx(280 - 10 * 9 / 11, abs=1e-9), Rule.ALLOCATED),
        "C": (250.0, Rule.KEPT),
        "D": (270.0, Rule.LOW_VOLUME),
    }
    combined = combine([p.target for p in result.parts], [50, 100, 50, 5], Combination.WEIGHTED)
    assert combined == pytest.approx(270.0, abs=1e-9)


def test_counts_split_in_proportion_and_percentiles_take_the_parents_target() -> None:
    counts = allocate(1200.0, [PartBaseline("A", 300.0, 300), PartBaseline("B", 500.0, 500), PartBaseline("C", 200.0, 200)],
                      higher_is_better=True, combination=Combination.SUM)
    p90 = allocate(40.0, FCR, higher_is_better=False, combination=Combination.NONE)

    assert targets_of(counts) == {"A": (360.0, Rule.COUNT), "B": (600.0, Rule.COUNT), "C": (240.0, Rule.COUNT)}
    assert targets_of(p90) == {"A": (40.0, Rule.PERCENTILE), "B": (40.0, Rule.PERCENTILE), "C": (40.0, Rule.PERCENTILE)}


def test_a_scope_already_past_its_target_asks_nobody_to_get_worse() -> None:
    result = allocate(0.75, FCR, higher_is_better=True, combination=Combination.WEIGHTED)
    assert targets_of(result) == {"A": (0.70, Rule.KEPT), "B": (0.80, Rule.KEPT), "C": (0.90, Rule.KEPT)}


def test_best_tenth() -> None:
    values = [float(v) for v in range(1, 11)]
    assert best_tenth(values, higher_is_better=True) == pytest.approx(9.1)
    assert best_tenth(values, higher_is_better=False) == pytest.approx(1.9)
    assert best_tenth([], higher_is_better=True) is None


def test_decomposition_adds_back_up_through_teams_to_agents() -> None:
    teams = [PartBaseline("t1", 0.75, 400), PartBaseline("t2", 0.90, 100)]
    agents = {
        "t1": [PartBaseline("a1", 0.70, 100), PartBaseline("a2", 0.80 - 0.05 / 3, 300)],
        "t2": [PartBaseline("a3", 0.90, 100)],
    }
    result = decompose(0.85, teams, agents, higher_is_better=True, combination=Combination.WEIGHTED, cap=None, minimum_volume=0)

    # t2 keeps 0.90 (surplus 5); t1 carries 0.85·500 − 90 = 335 over 400: 0.8375; t1's agents split it.
    assert targets_of(result.teams) == {"t1": (pytest.approx(0.8375, abs=1e-12), Rule.ALLOCATED), "t2": (0.90, Rule.KEPT)}
    agent_targets = [p.target for team in ("t1", "t2") for p in result.agents[team].parts]
    assert combine(agent_targets, [100, 300, 100], Combination.WEIGHTED) == pytest.approx(0.85, abs=1e-9)
    assert result.shortfall == 0.0


part_strategy = st.tuples(st.floats(0.0, 1.0), st.integers(0, 500), st.booleans())


@settings(max_examples=300, deadline=None)
@given(
    target=st.floats(0.0, 1.0), parts=st.lists(part_strategy, min_size=1, max_size=12),
    cap=st.one_of(st.none(), st.floats(0.0, 1.0)), minimum=st.integers(0, 60), higher=st.booleans(),
)
def test_the_combination_equals_the_target_or_reports_the_shortfall(
    target: float, parts: list[tuple[float, int, bool]], cap: float | None, minimum: int, higher: bool
) -> None:
    baselines = [PartBaseline(f"p{i}", value if known else None, volume) for i, (value, volume, known) in enumerate(parts)]
    result = allocate(target, baselines, higher_is_better=higher, combination=Combination.WEIGHTED, cap=cap, minimum_volume=minimum)
    volumes = [part.volume for part in baselines]
    sign = 1.0 if higher else -1.0
    combined = combine([p.target for p in result.parts], volumes, Combination.WEIGHTED)
    if combined is None:
        assert all(p.target == target for p in result.parts)
        return
    counted = [b for b in baselines if b.baseline is not None and b.volume >= minimum and b.volume > 0]
    already_met = math.fsum(b.volume * sign * (target - b.baseline) for b in counted) <= 0  # type: ignore[operator]
    scale = max(1.0, abs(target))
    if already_met:
        assert sign * combined >= sign * target - 1e-9 * scale
    else:
        assert sign * combined + result.shortfall == pytest.approx(sign * target, abs=1e-9 * scale)
    for baseline, part in zip(baselines, result.parts, strict=True):
        if part.rule is Rule.LOW_VOLUME:
            assert part.target == target
            continue
        assert sign * part.target >= sign * baseline.baseline - 1e-12  # type: ignore[operator]
        if cap is not None and part.rule is Rule.ALLOCATED:
            assert sign * part.target <= max(sign * cap, sign * baseline.baseline) + 1e-9  # type: ignore[operator]


team_strategy = st.lists(st.tuples(st.floats(10.0, 300.0), st.integers(1, 400)), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(target=st.floats(10.0, 300.0), teams=st.lists(team_strategy, min_size=1, max_size=5), higher=st.booleans())
def test_teams_then_agents_add_back_up_to_the_goal(target: float, teams: list[list[tuple[float, int]]], higher: bool) -> None:
    agents = {f"t{t}": [PartBaseline(f"t{t}a{a}", value, volume) for a, (value, volume) in enumerate(members)]
              for t, members in enumerate(teams)}
    team_parts = []
    for key, members in agents.items():
        volume = sum(member.volume for member in members)
        team_parts.append(PartBaseline(key, math.fsum(m.baseline * m.volume for m in members) / volume, volume))  # type: ignore[operator]
    result = decompose(target, team_parts, agents, higher_is_better=higher, combination=Combination.WEIGHTED, cap=None, minimum_volume=0)
    targets = [part.target for key in agents for part in result.agents[key].parts]
    volumes = [member.volume for members in agents.values() for member in members]
    sign = 1.0 if higher else -1.0
    already_met = math.fsum(m.volume * sign * (target - m.baseline) for ms in agents.values() for m in ms) <= 0  # type: ignore[operator]
    combined = combine(targets, volumes, Combination.WEIGHTED)
    if already_met:
        assert sign * combined >= sign * target - 1e-9 * target
    else:
        assert combined == pytest.approx(target, rel=1e-9)
    assert result.shortfall == 0.0


@pytest.mark.parametrize(("key", "team", "agent"), [
    ("agent:t-a:a1", "t-a", "a1"), ("team:t-a", "t-a", None), ("goal", None, None),
])
def test_part_keys_name_their_team_and_agent(key: str, team: str | None, agent: str | None) -> None:
    assert (team_of_part(key), agent_of_part(key)) == (team, agent)
