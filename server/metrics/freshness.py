"""Make sure the stored facts match the settings and every stored event before answering."""

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.metrics.config import FactsConfig
from server.metrics.rebuild import rebuild_facts
from server.metrics.repository import FactRepository
from server.metrics.state import FactsState, read_state


async def ensure_current(session: AsyncSession, settings: Settings) -> FactsState:
    """The facts' state, after a rebuild if they were built with other settings or miss events.

    A rebuild happens when the time zone, repeat window or service-level threshold
    changed, when the facts code changed, and when events were stored without the
    ingestion batch hook (the stored event sequence moved past the facts').
    """
    config = FactsConfig.from_settings(settings)
    repository = FactRepository(session)
    state = await read_state(session)
    if state.is_current(config) and state.event_seq == await repository.event_seq():
        return state
    state = await read_state(session, lock=True)
    if state.is_current(config) and state.event_seq == await repository.event_seq():
        return state
    await rebuild_facts(session, config)
    return await read_state(session)
