"""The feature list: what it declares, and a new feature picked up everywhere from one line in it."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from server.features import FEATURES
from server.models import declared_tables
from server.schema import schema
from workflows.registry import ACTIVITY_CLASSES, WORKFLOWS

ROOT = Path(__file__).resolve().parents[2]

TINY_MODULE = '''
"""A tiny feature: one of everything a feature may declare."""

import strawberry
from sqlmodel import Field, SQLModel
from temporalio import activity, workflow

from server.ingestion.hooks import DeclaredHook
from server.kernel.feature import Feature, ScopedRecord


@strawberry.type(description="A greeting.")
class TinyGreeting:
    text: str


@strawberry.type
class TinyQuery:
    @strawberry.field(description="Say hello.")
    def tiny_greeting(self) -> TinyGreeting:
        return TinyGreeting(text="你好")


class TinyNote(SQLModel, table=True):
    __tablename__ = "tiny_note"
    note_id: str = Field(primary_key=True, max_length=64)


async def tiny_hook(session, touched) -> None:
    await session.flush()


class TinyActivities:
    def __init__(self, sessionmaker, settings) -> None:
        self.sessionmaker, self.settings = sessionmaker, settings

    @activity.defn(name="tiny_activity")
    async def tiny_activity(self) -> str:
        return "done"


@workflow.defn(name="TinyWorkflow")
class TinyWorkflow:
    @workflow.run
    async def run(self) -> str:
        return "done"


def register(subcommands) -> None:
    parser = subcommands.add_parser("tiny", help="say hello")
    parser.set_defaults(handler=lambda arguments: print("你好") or 0)


FEATURE = Feature(
    name="tiny",
    query=TinyQuery,
    tables=(TinyNote,),
    hooks=(DeclaredHook("tiny_hook", tiny_hook),),
    workflows=(TinyWorkflow,),
    activity_classes=(TinyActivities,),
    cli=(register,),
    scoped_records=(ScopedRecord("TinyNote", "read", frozenset({"all", "own"})),),
)
'''

PROBE = '''
import json, sys

import server.features
from tinyfeature.module import FEATURE

server.features.FEATURES.append(FEATURE)  # the one line a new feature adds to server/features.py

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from server.authz.matrix import default_matrix
from server.authz.policy import PolicyRule, compile_snapshot, read_default_rules
from server.cli import build_parser
from server.config import POLICIES_DIR, Settings
from server.db import create_engine as create_async_engine, create_sessionmaker, sync_url
from server.ingestion.hooks import declared_hooks
from server.models import metadata
from server.schema import schema
from workflows.registry import WORKFLOWS, build_activities

database_url = sys.argv[1]
settings = Settings(database_url=database_url)
engine = create_engine(sync_url(database_url))
with engine.connect() as connection:
    differences = compare_metadata(MigrationContext.configure(connection), metadata)
activities = build_activities(create_sessionmaker(create_async_engine(settings)), settings)
grant = PolicyRule("p", "agent", "TinyNote", "read", "own")
snapshot = compile_snapshot(POLICIES_DIR, [*read_default_rules(POLICIES_DIR), grant], revision=1)
print(json.dumps({
    "schema": [line.strip() for line in schema.as_str().splitlines() if "tiny" in line.lower()],
    "matrix": [line for line in default_matrix().splitlines() if "Tiny" in line or "tinyGreeting" in line],
    "scopes": sorted(snapshot.scopes(["agent"], "TinyNote", "read")),
    "workflows": [registered.__name__ for registered in WORKFLOWS],
    "activities": [method.__name__ for method in activities],
    "cli": build_parser().parse_args(["tiny"]).command,
    "hooks": [declared.name for declared in declared_hooks()],
    "alembic": [(difference[0], difference[1].name) for difference in differences if isinstance(difference, tuple)],
}, ensure_ascii=False))
'''


FEATURE_WORKFLOWS = (
    "LoadDemoDataWorkflow", "ApplyRetentionWorkflow", "RetentionScheduleWorkflow", "WebhookDeliveryWorkflow",
    "GoalWorkflow", "CoachingPlanWorkflow", "CoachingRulesSweepWorkflow", "TeamReviewScheduleWorkflow", "RescoreWorkflow",
    "AutoQaWorkflow",
)
"""The workflows the feature list declares, in its order."""
FEATURE_ACTIVITIES = (
    "load_batch", "seed_records", "apply", "park", "send", "check", "close", "schedule", "advance_plan", "sweep_rules",
    "compile", "schedule_of", "rescore_batch", "score_pending",
)
"""The worker's activities, in the feature list's order."""


def test_every_feature_has_a_unique_name_and_its_own_tables() -> None:
    names = [feature.name for feature in FEATURES]
    assert len(names) == len(set(names))
    tables = [table.name for table in declared_tables(FEATURES)]
    assert len(tables) == len(set(tables)) == 65


def test_the_api_and_the_worker_are_built_from_the_list() -> None:
    query_fields = set(schema._schema.query_type.fields)  # noqa: SLF001  (graphql-core schema)
    assert {"serviceInfo", "metrics", "conversations", "auditLog"} <= query_fields
    assert [registered.__name__ for registered in WORKFLOWS] == [*FEATURE_WORKFLOWS]
    assert [registered.__name__ for registered in ACTIVITY_CLASSES] == [
        "DemoActivities", "RetentionActivities", "WebhookActivities", "GoalActivities", "CoachingActivities", "ReviewActivities",
        "QualityActivities",
    ]


def test_a_new_feature_is_picked_up_everywhere_from_one_line(database_url: str, tmp_path: Path) -> None:
    package = tmp_path / "tinyfeature"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "module.py").write_text(textwrap.dedent(TINY_MODULE), encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("COACHLOOP_")}
    environment["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(ROOT)])
    result = subprocess.run(
        [sys.executable, "-c", PROBE, database_url], cwd=ROOT, env=environment, capture_output=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    found = json.loads(result.stdout)
    assert found["schema"] == ["tinyGreeting: TinyGreeting!", "type TinyGreeting {"]
    assert found["matrix"] == [
        "| `TinyNote` read | – | – | – | – | – | – | – |",
        "| `tinyGreeting` read | – | – | – | – | – | – | – |",
        "## `TinyGreeting`",
    ]
    assert found["scopes"] == ["own"]
    assert found["workflows"] == [*FEATURE_WORKFLOWS, "TinyWorkflow"]
    assert found["activities"] == [*FEATURE_ACTIVITIES, "tiny_activity"]
    assert found["cli"] == "tiny"
    assert found["hooks"] == ["keep_erased_customers_erased", "sync_metrics", "queue_auto_qa", "track_alert_windows", "tiny_hook"]
    assert found["alembic"] == [["add_table", "tiny_note"]]
