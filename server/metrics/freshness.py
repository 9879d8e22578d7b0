"""Make sure the stored facts match the settings and every stored event before answering."""

from sqlmodel.ext.asyncio.session import AsyncSession

from server import timefmt
from server.config import Settings
from server.metrics.config import FactsConfig
from server.metrics.rebuild import rebuild_facts
from server.metrics.repository import FactRepository
from server.metrics.state import FactsState, read_state


async def ensure_current(session: AsyncSession, settings: Settings) -> FactsState:
    """The facts' state, after a rebuild if they were built with other settings or miss events.

    A rebuild happens when the time zone, repeat window or service-level threshold
    changed, when the facts code changed, and when events were stored without the
    ingestion batch hook (the stored event sequence moved past the facts'). While a bulk
    import holds the upkeep lease (server/metrics/upkeep.py), the facts are answered as
    they are: the import folds its events in when it finishes.
    """
    config = FactsConfig.from_settings(settings)
    repository = FactRepository(session)
    state = await read_state(session)
    if await _answerable(state, config, repository):
        return state
    state = await read_state(session, lock=True)
    if await _answerable(state, config, repository):
        return state
    await rebuild_facts(session, config)
    return await read_state(session)


async def _answerable(state: FactsState, config: FactsConfig, repository: FactRepository) -> bool:
    if not state.is_current(config):
        return False
    return state.deferral_active(timefmt.now_us()) or state.event_seq == await repository.event_seq()
