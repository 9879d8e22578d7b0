"""After-commit callbacks and durable intents, on SQLite and PostgreSQL.

A callback runs only after its transaction committed; an intent written in a request
that rolled back does not exist; the sweeper completes what a crash left pending; and
no intent's handler runs twice, even with two completers at once.
"""

import asyncio
import uuid
from collections.abc import Mapping
from typing import Any

import strawberry
from server.config import Settings
from server.context import Context
from server.intents.models import Intent
from server.intents.request import request_intent
from server.intents.service import SWEEP_GRACE_US, SweepReport, complete_intent, record_intent, sweep_intents
from server.intents.sweeper import sweep_forever
from server.kernel.commit import AfterCommitCallbacks
from server.schema import SessionExtension
from server.timefmt import now_us
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.types import Info

NOW_US = 1_772_452_800_000_000
LATER_US = NOW_US + SWEEP_GRACE_US + 1


class Recorder:
    """Intent handlers that record what they were asked to do (and can be made to fail)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.failing = False

    async def start_coaching(self, payload: Mapping[str, Any], _settings: Settings) -> None:
        await asyncio.sleep(0)  # give a concurrent completer its turn while the claim is held
        if self.failing:
            raise RuntimeError("Temporal is unreachable")
        self.calls.append(dict(payload))

    @property
    def handlers(self) -> dict[str, Any]:
        return {"coaching.start": self.start_coaching}


async def intents(sessionmaker: async_sessionmaker[AsyncSession]) -> list[tuple[str, str, int | None]]:
    async with sessionmaker() as session:
        rows = await session.execute(select(Intent.kind, Intent.payload, Intent.completed_at_us).order_by(Intent.created_at_us))
        return [tuple(row) for row in rows.all()]


def context_of(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> Context:
    return Context(settings=settings, sessionmaker=sessionmaker, request_id=uuid.uuid4().hex)


async def test_a_callback_runs_after_the_commit_and_sees_the_committed_rows(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    context = context_of(settings, sessionmaker)
    seen: list[list[tuple[str, str, int | None]]] = []

    async def look() -> None:
        seen.append(await intents(sessionmaker))

    record_intent(context.session, "coaching.start", {"agent": "a-1"}, now_us=NOW_US)
    context.on_commit(look)
    assert seen == []
    await context.finish(success=True)
    assert seen == [[("coaching.start", '{"agent":"a-1"}', None)]]


async def test_a_callback_never_runs_after_a_rollback(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    context = context_of(settings, sessionmaker)
    calls: list[str] = []

    async def called() -> None:
        calls.append("ran")

    record_intent(context.session, "coaching.start", {"agent": "a-1"}, now_us=NOW_US)
    context.on_commit(called)
    await context.finish(success=False)
    assert calls == []
    assert await intents(sessionmaker) == []


async def test_a_failing_callback_leaves_the_request_committed_and_the_others_run(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    context = context_of(settings, sessionmaker)
    calls: list[str] = []

    async def fails() -> None:
        raise RuntimeError("boom")

    async def called() -> None:
        calls.append("ran")

    record_intent(context.session, "coaching.start", {"agent": "a-1"}, now_us=NOW_US)
    context.on_commit(fails)
    context.on_commit(called)
    await context.finish(success=True)
    assert calls == ["ran"]
    assert [kind for kind, _payload, _done in await intents(sessionmaker)] == ["coaching.start"]


RECORDER = Recorder()


@strawberry.type
class IntentQuery:
    @strawberry.field
    def ok(self) -> bool:
        return True


@strawberry.type
class IntentMutation:
    @strawberry.mutation
    def start_coaching(self, info: Info, agent: str, fail: bool) -> str:
        intent_id = request_intent(info.context, "coaching.start", {"agent": agent}, handlers=RECORDER.handlers)
        if fail:
            raise ValueError("the rest of the mutation failed")
        return intent_id


SCHEMA = strawberry.Schema(query=IntentQuery, mutation=IntentMutation, extensions=[SessionExtension])
START = "mutation($fail: Boolean!) { startCoaching(agent: \"a-7\", fail: $fail) }"


async def test_a_mutation_that_commits_completes_its_intent_once(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    RECORDER.calls.clear()
    result = await SCHEMA.execute(START, variable_values={"fail": False}, context_value=context_of(settings, sessionmaker))
    assert result.errors is None
    assert RECORDER.calls == [{"agent": "a-7"}]
    [(kind, payload, completed_at_us)] = await intents(sessionmaker)
    assert (kind, payload, completed_at_us is not None) == ("coaching.start", '{"agent":"a-7"}', True)
    assert await complete_intent(sessionmaker, result.data["startCoaching"], RECORDER.handlers, settings, now_us=LATER_US) is False
    assert await sweep_intents(sessionmaker, RECORDER.handlers, settings, now_us=LATER_US) == SweepReport()
    assert RECORDER.calls == [{"agent": "a-7"}]


async def test_a_mutation_that_fails_leaves_no_intent_and_runs_nothing(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    RECORDER.calls.clear()
    result = await SCHEMA.execute(START, variable_values={"fail": True}, context_value=context_of(settings, sessionmaker))
    assert [error.message for error in result.errors or []] == ["the rest of the mutation failed"]
    assert RECORDER.calls == []
    assert await intents(sessionmaker) == []


async def test_the_sweeper_completes_what_a_crash_left_pending_once(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    recorder = Recorder()
    async with sessionmaker() as session:  # committed, and the process "crashed" before any callback ran
        record_intent(session, "coaching.start", {"agent": "a-1"}, now_us=NOW_US)
        record_intent(session, "coaching.start", {"agent": "a-2"}, now_us=NOW_US + 1)
        await session.commit()
    young = await sweep_intents(sessionmaker, recorder.handlers, settings, now_us=NOW_US + SWEEP_GRACE_US)
    assert (young, recorder.calls) == (SweepReport(), [])
    assert await sweep_intents(sessionmaker, recorder.handlers, settings, now_us=LATER_US) == SweepReport(completed=1)
    assert recorder.calls == [{"agent": "a-1"}]
    assert await sweep_intents(sessionmaker, recorder.handlers, settings, now_us=LATER_US + 1) == SweepReport(completed=1)
    assert await sweep_intents(sessionmaker, recorder.handlers, settings, now_us=LATER_US + 2) == SweepReport()
    assert recorder.calls == [{"agent": "a-1"}, {"agent": "a-2"}]
    assert [completed for _kind, _payload, completed in await intents(sessionmaker)] == [LATER_US, LATER_US + 1]


async def test_a_failing_handler_leaves_the_intent_pending_for_the_next_sweep(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    recorder = Recorder()
    async with sessionmaker() as session:
        record_intent(session, "coaching.start", {"agent": "a-1"}, now_us=NOW_US)
        await session.commit()
    recorder.failing = True
    assert await sweep_intents(sessionmaker, recorder.handlers, settings, now_us=LATER_US) == SweepReport(failed=1)
    assert [completed for _kind, _payload, completed in await intents(sessionmaker)] == [None]
    recorder.failing = False
    assert await sweep_intents(sessionmaker, recorder.handlers, settings, now_us=LATER_US + 1) == SweepReport(completed=1)
    assert recorder.calls == [{"agent": "a-1"}]


async def test_two_completers_at_once_run_the_handler_once(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    recorder = Recorder()
    async with sessionmaker() as session:
        intent_id = record_intent(session, "coaching.start", {"agent": "a-1"}, now_us=NOW_US)
        await session.commit()
    outcomes = await asyncio.gather(
        complete_intent(sessionmaker, intent_id, recorder.handlers, settings, now_us=LATER_US),
        complete_intent(sessionmaker, intent_id, recorder.handlers, settings, now_us=LATER_US + 1),
    )
    assert sorted(outcomes) == [False, True]
    assert recorder.calls == [{"agent": "a-1"}]
    assert [completed for _kind, _payload, completed in await intents(sessionmaker)] == [LATER_US if outcomes[0] else LATER_US + 1]


class Hanging(Recorder):
    """A handler that waits as a workflow start does while Temporal does not answer (until told to answer)."""

    def __init__(self) -> None:
        super().__init__()
        self.answering = asyncio.Event()

    async def start_coaching(self, payload: Mapping[str, Any], settings: Settings) -> None:
        await self.answering.wait()
        await super().start_coaching(payload, settings)


async def test_a_hanging_start_does_not_hold_the_answer_past_the_budget_and_is_swept_later(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    hanging = Hanging()

    @strawberry.type
    class HangingMutation:
        @strawberry.mutation
        def start_coaching(self, info: Info, agent: str) -> str:
            return request_intent(info.context, "coaching.start", {"agent": agent}, handlers=hanging.handlers)

    schema = strawberry.Schema(query=IntentQuery, mutation=HangingMutation, extensions=[SessionExtension])
    budgeted = settings.model_copy(update={"after_commit_budget_seconds": 0.2})
    loop = asyncio.get_running_loop()
    started = loop.time()
    result = await schema.execute('mutation { startCoaching(agent: "a-9") }', context_value=context_of(budgeted, sessionmaker))
    waited = loop.time() - started
    assert result.errors is None
    assert 0.2 <= waited < 2.0
    assert [(kind, completed) for kind, _payload, completed in await intents(sessionmaker)] == [("coaching.start", None)]
    # Still unreachable at the next sweep: it gives up after its own time limit and the intent stays pending.
    sweep_at = now_us() + SWEEP_GRACE_US
    assert await sweep_intents(sessionmaker, hanging.handlers, settings, now_us=sweep_at, per_intent_seconds=0.1) == SweepReport(failed=1)
    hanging.answering.set()
    assert await sweep_intents(sessionmaker, hanging.handlers, settings, now_us=sweep_at + 1, per_intent_seconds=0.1) == SweepReport(completed=1)
    assert hanging.calls == [{"agent": "a-9"}]
    assert [completed for _kind, _payload, completed in await intents(sessionmaker)] == [sweep_at + 1]


async def test_callbacks_after_the_budget_are_skipped_and_earlier_ones_ran() -> None:
    calls: list[str] = []
    callbacks = AfterCommitCallbacks()

    async def quick() -> None:
        calls.append("quick")

    async def stuck() -> None:
        await asyncio.sleep(60)
        calls.append("stuck")

    callbacks.add(quick)
    callbacks.add(stuck)
    callbacks.add(quick)
    await callbacks.run(budget_seconds=0.05)
    assert calls == ["quick"]
    assert len(callbacks) == 0


async def test_the_api_sweeper_completes_old_pending_intents_on_its_own(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    recorder = Recorder()
    async with sessionmaker() as session:  # written long ago by a request whose start did not get through
        record_intent(session, "coaching.start", {"agent": "a-3"}, now_us=NOW_US)
        await session.commit()
    sweeper = asyncio.create_task(
        sweep_forever(sessionmaker, recorder.handlers, settings.model_copy(update={"intent_sweep_seconds": 0.05}))
    )
    try:
        for _ in range(200):
            if recorder.calls:
                break
            await asyncio.sleep(0.05)
    finally:
        sweeper.cancel()
    assert recorder.calls == [{"agent": "a-3"}]
    assert [completed is not None for _kind, _payload, completed in await intents(sessionmaker)] == [True]
