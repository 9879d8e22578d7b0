"""Secondary suppression against the subtraction attack, on a demo organisation, on SQLite and PostgreSQL.

An analyst asks every grouping (team, channel, category, and none, by day, week, month
or not at all) under a set of filters and ranges. Each shown row is an equation: the row's
value is the sum of the cells (local day × team × channel × category) it covers. Cells
and the agents behind them come from an admin's view of the same engine; which cells a
row covers is worked out here from the row's dimensions, filters and range. The test
then checks, with the shown rows as a matrix, that no cell with fewer than k agents lies
in their span: no sum or difference of shown numbers, however many queries they come
from, gives one away.
"""

import itertools
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from server.authz.enforcer import PolicyEnforcer
from server.authz.identity import Principal
from server.authz.request import authorize_context
from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.demo.generator import generate_events
from server.errors import Forbidden
from server.ingestion.service import ingest_events
from server.metrics.request import MetricsRequest
from server.metrics.role_access import ProtectedRow, scoped_metrics
from tests.authz.world import Api
from tests.conftest import BACKENDS, StorageTemplates

pytestmark = pytest.mark.storage

ADMIN = Principal("u-admin", frozenset({"admin"}))
ANALYST = Principal("u-analyst", frozenset({"analyst"}))
CONVERSATIONS, SEED = 500, 11
KEYS = ["conversations"]
K = 3


@dataclass(frozen=True)
class Cell:
    day: str
    team: str | None
    channel: str | None
    category: str | None


@pytest.fixture(scope="module", params=BACKENDS)
async def demo(
    request: pytest.FixtureRequest, storage_templates: StorageTemplates, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Api]:
    settings = Settings(
        database_url=storage_templates.fresh(request.param), var_dir=tmp_path_factory.mktemp("suppression"),
        demo=False, timezone="Asia/Shanghai", policy_refresh_seconds=0, k_anonymity=K,
    )
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    report = await ingest_events(sessionmaker, list(generate_events(CONVERSATIONS, SEED)), settings=settings)
    assert report.rejected == 0
    yield Api(settings=settings, sessionmaker=sessionmaker, policies=PolicyEnforcer(settings))
    await engine.dispose()


async def ask(api: Api, principal: Principal, request: MetricsRequest) -> list[ProtectedRow]:
    context = api.context(uuid.uuid4().hex)
    await authorize_context(context, principal)
    try:
        return await scoped_metrics(context, request)
    finally:
        await context.finish(success=True)


async def cells_of(api: Api) -> dict[Cell, set[str]]:
    """Every cell with the agents behind it, as an admin sees them."""
    rows = await ask(api, ADMIN, MetricsRequest.of(group_by=["agent", "team", "channel", "category", "day"], metrics=KEYS))
    cells: dict[Cell, set[str]] = {}
    for row in rows:
        found = row.dimensions
        cell = Cell(str(found["bucket"]), found.get("team_id"), found.get("channel"), found.get("category"))
        cells.setdefault(cell, set()).add(str(found["agent_id"]))
    return cells


def bucket(day: str, grain: str) -> str:
    local = date.fromisoformat(day)
    if grain == "week":
        return (local - timedelta(days=local.weekday())).isoformat()
    if grain == "month":
        return local.replace(day=1).isoformat()
    return day


def covered(cells: list[Cell], request: MetricsRequest, row: ProtectedRow) -> list[int]:
    """Indexes of the cells that ``row`` of ``request`` sums, from its dimensions, filters and range."""
    found = []
    for index, cell in enumerate(cells):
        day = date.fromisoformat(cell.day)
        if (request.from_ is not None and day < request.from_) or (request.to is not None and day >= request.to):
            continue
        if request.team_ids is not None and cell.team not in request.team_ids:
            continue
        if request.channels is not None and cell.channel not in request.channels:
            continue
        if request.categories is not None and cell.category not in request.categories:
            continue
        dims = row.dimensions
        if "team_id" in dims and dims["team_id"] != cell.team:
            continue
        if "channel" in dims and dims["channel"] != cell.channel:
            continue
        if "category" in dims and dims["category"] != cell.category:
            continue
        grain = request.time_dimension
        if grain is not None and dims["bucket"] != bucket(cell.day, grain.value):
            continue
        found.append(index)
    return found


def questions(cells: list[Cell]) -> list[MetricsRequest]:
    """Every grouping under filters (none, one team, one channel, one category, a team and a channel) and three ranges."""
    days = sorted({cell.day for cell in cells})
    teams = sorted({cell.team for cell in cells if cell.team})
    channels = sorted({cell.channel for cell in cells if cell.channel})
    categories = sorted({cell.category for cell in cells if cell.category})
    middle = date.fromisoformat(days[len(days) // 2])
    ranges = [(None, None), (date.fromisoformat(days[0]), middle), (middle, middle + timedelta(days=1))]
    filters = [{}, {"team_ids": [teams[0]]}, {"channels": [channels[0]]}, {"categories": [categories[0]]},
               {"team_ids": [teams[-1]], "channels": [channels[-1]]}]
    groupings = [
        [*labels, *time]
        for size in range(4) for labels in itertools.combinations(["team", "channel", "category"], size)
        for time in ([], ["day"], ["week"], ["month"])
    ]
    return [
        MetricsRequest.of(from_=start, to=end, group_by=grouping, metrics=KEYS, **chosen)
        for (start, end), chosen, grouping in itertools.product(ranges, filters, groupings)
    ]


async def test_no_small_cell_can_be_derived_from_everything_an_analyst_is_shown(demo: Api) -> None:
    agents_by_cell = await cells_of(demo)
    cells = sorted(agents_by_cell, key=lambda cell: (cell.day, cell.team or "", cell.channel or "", cell.category or ""))
    equations: list[list[int]] = []
    shown = withheld = 0
    for request in questions(cells):
        for row in await ask(demo, ANALYST, request):
            if row.suppressed:
                withheld += 1
                continue
            shown += 1
            equations.append(covered(cells, request, row))
    sensitive = [index for index, cell in enumerate(cells) if 0 < len(agents_by_cell[cell]) < K]
    # The data gives the attack something to work with: small cells exist, and much is shown and much withheld.
    assert len(sensitive) > 50 and shown > 300 and withheld > 300
    matrix = np.zeros((len(equations), len(cells)))
    for number, indexes in enumerate(equations):
        matrix[number, indexes] = 1.0
    _, singular, basis = np.linalg.svd(matrix, full_matrices=False)
    row_space = basis[singular > 1e-9 * singular[0]]
    # e_s lies in the row space exactly when its projection keeps its whole length.
    reach = (row_space ** 2).sum(axis=0)
    derivable = [cells[index] for index in sensitive if reach[index] > 1 - 1e-6]
    assert derivable == []
    # And the check has teeth: non-sensitive single cells are derivable (they are shown on their own).
    assert any(reach[index] > 1 - 1e-6 for index in range(len(cells)) if index not in sensitive)


async def test_a_team_total_minus_its_shown_days_gives_no_small_day_away(demo: Api) -> None:
    """The reported attack: a team's total, then the sum of its visible days."""
    agents_by_cell = await cells_of(demo)
    for team in sorted({cell.team for cell in agents_by_cell if cell.team}):
        [total] = await ask(demo, ANALYST, MetricsRequest.of(team_ids=[team], metrics=KEYS))
        days = await ask(demo, ANALYST, MetricsRequest.of(team_ids=[team], group_by=["day"], metrics=KEYS))
        hidden = [row for row in days if row.suppressed]
        if total.suppressed or not hidden:
            continue
        # A shown total with hidden days: the hidden days together come from at least K agents.
        hidden_days = {row.dimensions["bucket"] for row in hidden}
        behind = set().union(*(agents for cell, agents in agents_by_cell.items() if cell.team == team and cell.day in hidden_days))
        assert len(behind) >= K, (team, sorted(hidden_days))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"group_by": ["hour"]}, "hour buckets need access to individual metrics; group by day, week or month"),
        ({"from_": datetime(2026, 9, 1, 12, 0)}, "from: ranges inside a day need access to individual metrics; give a date or a local midnight"),
        ({"to": datetime(2026, 9, 2, 0, 30)}, "to: ranges inside a day need access to individual metrics; give a date or a local midnight"),
    ],
)
async def test_analysts_ask_whole_cells_only(demo: Api, fields: dict, message: str) -> None:
    with pytest.raises(Forbidden) as refused:
        await ask(demo, ANALYST, MetricsRequest.of(metrics=KEYS, **fields))
    assert refused.value.message == message


async def test_a_local_midnight_is_a_whole_day(demo: Api) -> None:
    by_date = await ask(demo, ANALYST, MetricsRequest.of(from_=date(2026, 9, 1), to=date(2026, 9, 8), metrics=KEYS))
    by_midnight = await ask(demo, ANALYST, MetricsRequest.of(from_=datetime(2026, 9, 1), to=datetime(2026, 9, 8), metrics=KEYS))
    assert by_date == by_midnight
