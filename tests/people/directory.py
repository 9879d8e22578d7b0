"""A small directory shared by the people and notification tests.

Teams: t-root ⊃ t-east ⊃ t-east-a; t-root ⊃ t-west. Users: u-root leads t-root, u-east
leads t-east, u-gone led t-east-a but is deactivated, u-west leads t-west; u-qa1 and u-qa2
review in pool p-voice (u-qa3, inactive, too); a1 is agent a1's user; u-hr is HR; u-admin
is the administrator.
"""

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.identity import Principal
from server.db import transaction
from server.org.models import Team
from server.people.records import UserRecord
from server.people.service import Actor, store_user

TEAMS = {"t-root": None, "t-east": "t-root", "t-east-a": "t-east", "t-west": "t-root"}
SETUP = Actor(Principal("test-setup", frozenset({"admin"})), "setup")

USERS = (
    UserRecord("u-root", "总监", roles=frozenset({"manager"}), teams=frozenset({"t-root"})),
    UserRecord("u-east", "华东经理", roles=frozenset({"manager"}), teams=frozenset({"t-east"})),
    UserRecord("u-gone", "离职经理", roles=frozenset({"manager"}), teams=frozenset({"t-east-a"}), active=False),
    UserRecord("u-west", "华西经理", roles=frozenset({"manager"}), teams=frozenset({"t-west"}), language="en"),
    UserRecord("u-qa1", "质检一", roles=frozenset({"qa_reviewer"}), pools=frozenset({"p-voice"})),
    UserRecord("u-qa2", "质检二", roles=frozenset({"qa_reviewer"}), pools=frozenset({"p-voice", "p-chat"})),
    UserRecord("u-qa3", "质检三", roles=frozenset({"qa_reviewer"}), pools=frozenset({"p-voice"}), active=False),
    UserRecord("a1", "张三", roles=frozenset({"agent"}), agent_id="a1", email="zhangsan@example.com", phone="13812345678"),
    UserRecord("u-hr", "人事", roles=frozenset({"hr"})),
    UserRecord("u-admin", "管理员", roles=frozenset({"admin"})),
)


async def seed_directory(sessionmaker: async_sessionmaker[AsyncSession], users: tuple[UserRecord, ...] = USERS) -> None:
    async with transaction(sessionmaker) as session:
        for team_id, parent in TEAMS.items():
            session.add(Team(team_id=team_id, name=team_id, parent_team_id=parent, ts_us=0, event_id=f"e-{team_id}"))
        for record in users:
            await store_user(session, record, SETUP, now_us=1_000_000)
