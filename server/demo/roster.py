"""Who works when: master data, shifts, agent status changes and the mid-period team change."""

from collections.abc import Iterator
from random import Random

from server.demo.organisation import TEAM_CHANGE_AGENT_ID, TEAM_CHANGE_TEAM_ID, TEAMS, Agent, customer_fields
from server.demo.period import DAY, HOUR, MINUTE, Period, local_hour
from server.demo.writer import EventWriter
from server.kernel.events import EventType


def _agent_fields(agent: Agent, team_id: str) -> dict:
    return {"agent_id": agent.agent_id, "name": agent.name, "team_id": team_id, "email": agent.email,
            "hire_date": agent.hire_date, "active": True}


class Roster:
    """Who works when: shifts with two rotating days off, status changes and the team change."""

    def __init__(self, agents: tuple[Agent, ...], period: Period) -> None:
        self.agents = agents
        self.period = period
        self.change_day = period.days // 2
        self.mover = next(agent for agent in agents if agent.agent_id == TEAM_CHANGE_AGENT_ID)
        self.day = 0
        self.by_hour: list[dict[str, list[Agent]]] = []
        self.everyone: list[list[Agent]] = []

    def team_of(self, agent: Agent) -> str:
        """The agent's team on the current day."""
        if agent is self.mover and self.day >= self.change_day:
            return TEAM_CHANGE_TEAM_ID
        return agent.team_id

    def plan(self, day: int, rng: Random) -> list[tuple[int, str, dict]]:
        """Set up the day's shifts; return its status changes (and the team change) in time order."""
        self.day = day
        day_start = self.period.start + day * DAY
        weekday_number = self.period.first_day.toordinal() + day
        self.by_hour = [{} for _ in range(24)]
        self.everyone = [[] for _ in range(24)]
        timed: list[tuple[int, str, dict]] = []
        for agent in self.agents:
            if (weekday_number + agent.index) % 7 < 2:
                continue
            team_id = self.team_of(agent)
            for hour in range(agent.shift.start_hour, agent.shift.end_hour):
                self.by_hour[hour].setdefault(team_id, []).append(agent)
                self.everyone[hour].append(agent)
            timed.extend(self._status_changes(agent, day_start, rng))
        if day == self.change_day:
            moved = _agent_fields(self.mover, TEAM_CHANGE_TEAM_ID)
            timed.append((day_start + 7 * HOUR + 30 * MINUTE, EventType.AGENT_UPSERTED, moved))
        timed.sort(key=lambda event: event[0])
        return timed

    def _status_changes(self, agent: Agent, day_start: int, rng: Random) -> list[tuple[int, str, dict]]:
        random = rng.random
        begin = day_start + agent.shift.start_hour * HOUR - int(random() * 10 * MINUTE)
        changes = [(begin, "online")]
        back = begin
        if random() < 0.3:
            busy = begin + HOUR + int(random() * 2 * HOUR)
            back = busy + 15 * MINUTE + int(random() * 25 * MINUTE)
            changes += [(busy, "busy"), (back, "online")]
        away = max(back + 10 * MINUTE, begin + 3 * HOUR + 30 * MINUTE + int(random() * HOUR))
        changes += [(away, "away"), (away + 30 * MINUTE + int(random() * 30 * MINUTE), "online")]
        changes.append((day_start + agent.shift.end_hour * HOUR + int(random() * 15 * MINUTE), "offline"))
        return [(instant, EventType.AGENT_STATUS_CHANGED, {"agent_id": agent.agent_id, "status": status})
                for instant, status in changes]

    def pick(self, instant: int, team_id: str, rng: Random, exclude: Agent | None = None) -> Agent:
        """An agent of ``team_id`` on shift at ``instant``, else anyone on shift, else anyone."""
        hour = local_hour(instant)
        candidates = self.by_hour[hour].get(team_id) or self.everyone[hour] or list(self.agents)
        if exclude is not None:
            candidates = [agent for agent in candidates if agent is not exclude]
            candidates = candidates or [agent for agent in self.agents if agent is not exclude]
        return candidates[int(rng.random() * len(candidates))]


def master_data_events(writer: EventWriter, rng: Random, period: Period, agents: tuple[Agent, ...],
                       customers: int) -> Iterator[dict]:
    """Teams, agents and customers, upserted in the days before the period."""
    teams_at = period.start - 10 * DAY + 9 * HOUR
    for position, team in enumerate(TEAMS):
        fields = {"team_id": team.team_id, "name": team.name}
        if team.parent_team_id is not None:
            fields["parent_team_id"] = team.parent_team_id
        writer.add(teams_at + position * MINUTE, EventType.TEAM_UPSERTED, fields)
    agents_at = period.start - 7 * DAY + 9 * HOUR
    for agent in agents:
        writer.add(agents_at + agent.index * MINUTE, EventType.AGENT_UPSERTED, _agent_fields(agent, agent.team_id))
    yield from writer.take()
    customers_at = period.start - 3 * DAY
    for number in range(customers):
        writer.add(customers_at + number % (2 * DAY), EventType.CUSTOMER_UPSERTED, customer_fields(rng, number))
        if number % 1000 == 999:
            yield from writer.take()
    yield from writer.take()
