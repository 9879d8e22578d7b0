"""A small organisation shared by the access-control tests, and GraphQL execution as any principal.

Teams: 客服中心 (t-root) ⊃ 华东组 (t-east) ⊃ 华东一组 (t-east-a); 客服中心 ⊃ 华西组 (t-west).
Agents a1, a6 in t-east; a2 in t-east-a; a3, a4, a5 in t-west.
Conversations: cv1 (a1, customer c1), cv2 (a2, c2), cv3 (a3, c3, "退款"), cv4 (a1 → a3 by
transfer, c1), cv5 (bot only, c2), cv6 (a4, c3). The QA reviewer u-qa reviews cv3.
Directory: a user per principal (but the service one) and for agents a2 and a3; one in-app
notification per principal; one webhook with one parked delivery.
Alerts: one on team t-east, one on agent a1 (of t-east), one on team t-west, one on the organisation;
rules of t-east and t-west besides the defaults of policies/alert-rules.yaml.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.types import ExecutionResult

from server.alerts.defaults import ensure_default_rules
from server.alerts.models import Alert, AlertRule
from server.alerts.pipeline import settle_evaluations
from server.authz.enforcer import PolicyEnforcer
from server.authz.identity import Principal
from server.authz.request import authorize_context
from server.config import Settings
from server.context import Context
from server.db import create_engine, create_sessionmaker, transaction
from server.goals.models import Goal, GoalCheck, GoalPart
from server.ingestion.service import ingest_events
from server.notifications.models import Notification, WebhookDelivery, WebhookEndpoint
from server.people.records import UserRecord
from server.people.repository import DirectoryRepository
from server.reviews.models import ReviewAssignment
from server.schema import schema

TEAMS = {"t-root": ("客服中心", None), "t-east": ("华东组", "t-root"), "t-east-a": ("华东一组", "t-east"), "t-west": ("华西组", "t-root")}
AGENTS = {
    "a1": ("张三", "t-east", "zhangsan@example.com"),
    "a2": ("李四", "t-east-a", "lisi@example.com"),
    "a3": ("王五", "t-west", "wangwu@example.com"),
    "a4": ("赵六", "t-west", "zhaoliu@example.com"),
    "a5": ("钱七", "t-west", "qianqi@example.com"),
    "a6": ("孙八", "t-east", "sunba@example.com"),
}
CUSTOMERS = {
    "c1": ("陈小明", "13812345678", "chen@example.com"),
    "c2": ("刘芳", "13987654321", "liufang@example.com"),
    "c3": ("黄伟", "13700001111", "huangwei@example.com"),
}
CONVERSATION_AGENTS = {"cv1": {"a1"}, "cv2": {"a2"}, "cv3": {"a3"}, "cv4": {"a1", "a3"}, "cv5": set(), "cv6": {"a4"}}
CONVERSATION_CUSTOMERS = {"cv1": "c1", "cv2": "c2", "cv3": "c3", "cv4": "c1", "cv5": "c2", "cv6": "c3"}
REVIEWS = {("u-qa", "cv3")}
DIRECTORY_AGENTS = {"a2": "t-east-a", "a3": "t-west"}
"""Agents with a directory user of their own besides the principals' (a1 is the agent principal)."""
WEBHOOK_URL = "https://hooks.example.com/coachloop"
ALERTS = {"al-east": ("team", "t-east", "t-east", None), "al-a1": ("agent", "a1", "t-east", "a1"),
          "al-west": ("team", "t-west", "t-west", None), "al-org": ("organisation", "", None, None)}
"""Alert id → scope kind, scope id, team, agent."""
ALERT_RULES = {"r-east": "t-east", "r-west": "t-west"}
"""Rule id (also its name) → its team."""
DELIVERY_ID = "msg_world"
GOALS = {"g-org": ("organisation", None, None), "g-east": ("team", "t-east", None), "g-west": ("team", "t-west", None),
         "g-a4": ("agent", None, "a4")}
"""Goal → (scope, team, agent): the organisation's, one per top team and one on agent a4."""
GOAL_PARTS = {
    "g-org": (("t-east", None), ("t-west", None), ("t-east", "a1"), ("t-west", "a3")),
    "g-east": (("t-east", None), ("t-east", "a1"), ("t-east", "a6")),
    "g-west": (("t-west", None), ("t-west", "a3")),
    "g-a4": (),
}
"""Each goal's parts as (team, agent); agent None for a team part."""

PRINCIPALS = {
    "admin": Principal("u-admin", frozenset({"admin"})),
    "hr": Principal("u-hr", frozenset({"hr"})),
    "manager": Principal("u-mgr-east", frozenset({"manager"}), frozenset({"t-east"})),
    "qa_reviewer": Principal("u-qa", frozenset({"qa_reviewer"}), frozenset({"t-east"})),
    "agent": Principal("a1", frozenset({"agent"})),
    "analyst": Principal("u-analyst", frozenset({"analyst"})),
    "ingest": Principal("svc-ingest", frozenset({"ingest"})),
}
ROLES = tuple(PRINCIPALS)


def _event(event_id: str, event_type: str, ts: str, **fields: Any) -> dict[str, Any]:
    return {"id": event_id, "type": event_type, "ts": ts, **fields}


def world_events() -> list[dict[str, Any]]:
    """The organisation and its conversations as events (events.md)."""
    events: list[dict[str, Any]] = []
    for team_id, (name, parent) in TEAMS.items():
        extra = {"parent_team_id": parent} if parent else {}
        events.append(_event(f"e-{team_id}", "team.upserted", "2026-03-01T08:00:00+08:00", team_id=team_id, name=name, **extra))
    for agent_id, (name, team_id, email) in AGENTS.items():
        events.append(
            _event(f"e-{agent_id}", "agent.upserted", "2026-03-01T08:00:00+08:00",
                   agent_id=agent_id, name=name, team_id=team_id, email=email, hire_date="2025-06-01")
        )
    for customer_id, (name, phone, email) in CUSTOMERS.items():
        events.append(
            _event(f"e-{customer_id}", "customer.upserted", "2026-03-01T08:00:00+08:00",
                   customer_id=customer_id, name=name, phone=phone, email=email)
        )
    events += _conversation("cv1", "c1", "chat", "2026-03-02T09:00:00+08:00", ["a1"], "您好，我的订单没到", "马上为您查询")
    events += _conversation("cv2", "c2", "phone", "2026-03-02T10:00:00+08:00", ["a2"], "发票怎么开", "请提供单号")
    events += _conversation("cv3", "c3", "chat", "2026-03-02T11:00:00+08:00", ["a3"], "我要退款", "已为您办理退款")
    events += _conversation("cv4", "c1", "email", "2026-03-03T09:00:00+08:00", ["a1", "a3"], "再次咨询物流", "转给专员处理")
    events += _conversation("cv6", "c3", "chat", "2026-03-03T12:00:00+08:00", ["a4"], "账号被锁", "已解锁")
    events += [
        _event("cv5-start", "conversation.started", "2026-03-03T10:00:00+08:00", conversation_id="cv5", channel="chat", customer_id="c2"),
        _event("cv5-m1", "message.sent", "2026-03-03T10:00:05+08:00", conversation_id="cv5", sender="bot", text="自助服务"),
        _event("cv5-end", "conversation.ended", "2026-03-03T10:01:00+08:00", conversation_id="cv5", resolution="resolved"),
        _event("cv1-fb", "feedback.submitted", "2026-03-02T09:30:00+08:00", conversation_id="cv1", csat=5, nps=9),
        _event("cv3-fb", "feedback.submitted", "2026-03-02T11:30:00+08:00", conversation_id="cv3", csat=2),
    ]
    return events


def _conversation(cid: str, customer: str, channel: str, start: str, agents: list[str], question: str, answer: str) -> list[dict[str, Any]]:
    day, clock = start[:10], start[11:19]
    hour = clock[:2]

    def at(minute: int, second: int = 0) -> str:
        return f"{day}T{hour}:{minute:02d}:{second:02d}+08:00"

    events = [
        _event(f"{cid}-start", "conversation.started", start, conversation_id=cid, channel=channel, customer_id=customer),
        _event(f"{cid}-queued", "conversation.queued", at(0, 10), conversation_id=cid, queue="general"),
        _event(f"{cid}-assign-0", "conversation.assigned", at(0, 20), conversation_id=cid, agent_id=agents[0]),
        _event(f"{cid}-m1", "message.sent", at(1), conversation_id=cid, sender="customer", text=question),
        _event(f"{cid}-m2", "message.sent", at(2), conversation_id=cid, sender="agent", agent_id=agents[0], text=answer),
    ]
    if len(agents) > 1:
        events += [
            _event(f"{cid}-transfer", "conversation.transferred", at(3), conversation_id=cid, transfer_id=f"{cid}-tr", from_agent_id=agents[0], to_agent_id=agents[1]),
            _event(f"{cid}-assign-1", "conversation.assigned", at(4), conversation_id=cid, agent_id=agents[1], transfer_id=f"{cid}-tr"),
        ]
    events.append(_event(f"{cid}-end", "conversation.ended", at(10), conversation_id=cid, resolution="resolved"))
    return events


@dataclass
class Api:
    """Executes GraphQL against the real schema as a given principal (no HTTP)."""

    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    policies: PolicyEnforcer

    def context(self, request_id: str | None = None) -> Context:
        return Context(
            settings=self.settings,
            sessionmaker=self.sessionmaker,
            request_id=request_id or uuid.uuid4().hex,
            policies=self.policies,
        )

    async def execute(
        self, query: str, *, role: str | None = None, principal: Principal | None = None,
        variables: dict[str, Any] | None = None, request_id: str | None = None,
    ) -> ExecutionResult:
        context = self.context(request_id)
        who = principal or PRINCIPALS[role or "admin"]
        await authorize_context(context, who)
        return await schema.execute(query, variable_values=variables, context_value=context)


def directory_users() -> list[UserRecord]:
    """A directory user per principal but the service one (u-hr with quiet hours), and the agents a2 and a3."""
    users = [
        UserRecord(
            principal.subject, principal.subject, email=f"{principal.subject}@example.com", phone="13800001111",
            roles=principal.roles, teams=principal.teams, agent_id=principal.subject if role == "agent" else None,
            quiet_start_minute=22 * 60 if role == "hr" else None, quiet_end_minute=7 * 60 if role == "hr" else None,
        )
        for role, principal in PRINCIPALS.items() if role != "ingest"
    ]
    return users + [UserRecord(agent, agent, roles=frozenset({"agent"}), agent_id=agent) for agent in sorted(DIRECTORY_AGENTS)]


async def seed_people(session: AsyncSession) -> None:
    """Directory users, one in-app notification per principal, a webhook with one delivery (no audit entries)."""
    for record in directory_users():
        await DirectoryRepository(session).save(record, None)
    for principal in PRINCIPALS.values():
        session.add(Notification(outbox_id="o-world", user_id=principal.subject, kind="goal.drifted", subject_kind="goal",
                                 subject_id=f"n-{principal.subject}", payload="{}", created_at_us=0))
    session.add(WebhookEndpoint(webhook_id="w-world", url=WEBHOOK_URL, kinds='["goal.drifted"]', created_at_us=0, updated_at_us=0))
    session.add(WebhookDelivery(delivery_id=DELIVERY_ID, outbox_id="o-world", webhook_id="w-world", user_id="u-admin",
                                status="parked", attempts=8, not_before_us=0, created_at_us=0))


def goal_row(goal_id: str, scope: str, team: str | None, agent: str | None) -> Goal:
    """An active goal on the world's handle time, already planned (no workflow)."""
    return Goal(
        goal_id=goal_id, name=f"目标 {goal_id}", metric_key="handle_avg_s", better="lower_is_better", target_kind="absolute",
        target_input=500.0, scope_kind=scope, team_id=team, agent_id=agent, start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 8), owner_id="u-admin", status="active", baseline=600.0, baseline_volume=5, target=500.0,
        shortfall=0.0, created_by="u-admin", created_at_us=0, updated_at_us=0,
    )


def seed_goals(session: AsyncSession) -> None:
    """The world's goals, their parts and one check of each goal's whole scope."""
    for goal_id, (scope, team, agent) in GOALS.items():
        session.add(goal_row(goal_id, scope, team, agent))
        for part_team, part_agent in GOAL_PARTS[goal_id]:
            key = f"agent:{part_team}:{part_agent}" if part_agent else f"team:{part_team}"
            session.add(GoalPart(goal_id=goal_id, part_key=key, part_kind="agent" if part_agent else "team",
                                 team_id=part_team, agent_id=part_agent, baseline=600.0, volume=2, target=500.0, rule="allocated"))
        session.add(GoalCheck(check_id=f"c-{goal_id}", goal_id=goal_id, check_key="m1", milestone=1, part_key="goal",
                              window_start_us=0, window_end_us=1, expected=550.0, actual=540.0, sample_size=5,
                              status="on_track", checked_at_us=1))


def seed_alerts(session: AsyncSession) -> None:
    """The world's alerts (open, on one window each) and two team rules."""
    for rule_id, team_id in ALERT_RULES.items():
        session.add(AlertRule(
            rule_id=rule_id, name=rule_id, name_zh=rule_id, source="metric", metric_key="handled", scope_kind="team",
            scope_id=team_id, team_id=team_id, window="60m", comparator="above", threshold=100.0, severity="warning",
            created_at_us=0, updated_at_us=0,
        ))
    for alert_id, (kind, scope_id, team_id, agent_id) in ALERTS.items():
        session.add(Alert(
            alert_id=alert_id, rule_id="r-east", scope_kind=kind, scope_id=scope_id, team_id=team_id, agent_id=agent_id,
            window_start_us=0, window_end_us=3_600_000_000, state="open", severity="warning", value=120.0, threshold=100.0,
            sample_size=120, last_value=120.0, last_window_end_us=3_600_000_000, raised_at_us=0, updated_at_us=0,
            notes='[{"by": "u-mgr-east", "at_us": 0, "text": "在跟进"}]' if alert_id == "al-east" else "[]",
        ))


async def seed_world(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    report = await ingest_events(sessionmaker, world_events(), settings=settings)
    assert report.rejected == 0, report
    await settle_evaluations()
    async with transaction(sessionmaker) as session:
        await ensure_default_rules(session, settings.policies_dir, now_us=0)
        seed_alerts(session)
        for reviewer, conversation_id in sorted(REVIEWS):
            session.add(ReviewAssignment(reviewer_id=reviewer, conversation_id=conversation_id, assigned_by="u-admin", assigned_at_us=0))
        await seed_people(session)
        seed_goals(session)


async def open_world(database_url: str, var_dir: Any) -> tuple[AsyncEngine, Api]:
    # The matrix selects every field of every type at once, so the cost limit is raised here (tests of the
    # limit itself use their own documents against this ceiling and the default one).
    settings = Settings(
        database_url=database_url, var_dir=var_dir, demo=False, timezone="Asia/Shanghai",
        policy_refresh_seconds=0, max_query_cost=200_000,
    )
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    await seed_world(sessionmaker, settings)
    return engine, Api(settings=settings, sessionmaker=sessionmaker, policies=PolicyEnforcer(settings))

