"""Domain events: listeners run in the publisher's session, in feature order, only for their topic."""

from dataclasses import dataclass
from typing import Any

from server.kernel.domain_events import listeners_of, publish
from server.kernel.feature import Feature, Listener, Ref

HEARD: list[tuple[str, Any, Any]] = []


@dataclass(frozen=True)
class Checked:
    goal_id: str


async def first(session: Any, event: Checked) -> None:
    HEARD.append(("first", session, event))


async def second(session: Any, event: Checked) -> None:
    HEARD.append(("second", session, event))


FEATURES = [
    Feature(name="a", listeners=(Listener("goals.checked", Ref("tests.kernel.test_domain_events:first")),)),
    Feature(name="b", listeners=(Listener("quality.scored", Ref("tests.kernel.test_domain_events:second")),)),
    Feature(name="c", listeners=(Listener("goals.checked", second),)),
]


async def test_listeners_of_a_topic_run_in_feature_order_with_the_publishers_session() -> None:
    HEARD.clear()
    session = object()
    ran = await publish(session, "goals.checked", Checked("g1"), FEATURES)  # type: ignore[arg-type]
    assert ran == 2
    assert HEARD == [("first", session, Checked("g1")), ("second", session, Checked("g1"))]


async def test_a_topic_nobody_listens_to_runs_nothing() -> None:
    HEARD.clear()
    assert await publish(object(), "alerts.raised", Checked("g1"), FEATURES) == 0  # type: ignore[arg-type]
    assert HEARD == []
    assert listeners_of("quality.scored", FEATURES) == [second]
