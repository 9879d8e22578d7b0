"""The published AlertFeed subscription received by the graphql-ws client (Node) from a running API on PostgreSQL."""

import asyncio
import json
import os
import subprocess
from pathlib import Path

import pytest
from server.alerts.pipeline import settle_evaluations
from server.config import Settings
from server.db import create_engine, create_sessionmaker, transaction
from server.kernel.domain_events import publish
from server.quality.events import COMPLIANCE_FINDING, ComplianceFinding
from server.timefmt import now_us

from tests.conftest import StorageTemplates
from tests.contract.node import node_script
from tests.contract.operations import CONTRACT
from tests.ops.support import running_api

pytestmark = [pytest.mark.node, pytest.mark.slow]

LISTENING_S = 1.5


async def raise_compliance_alert(database_url: str) -> None:
    engine = create_engine(Settings(database_url=database_url))
    try:
        async with transaction(create_sessionmaker(engine)) as session:
            finding = ComplianceFinding(
                finding_id="feed-1", conversation_id="conv-feed", agent_id="a-feed", team_id="t-feed",
                rule_id="forbidden-phrase", severity="critical", message_id=None, occurred_at_us=now_us(),
            )
            await publish(session, COMPLIANCE_FINDING, finding)
        await settle_evaluations()
    finally:
        await engine.dispose()


async def test_the_graphql_ws_client_receives_a_raised_alert(storage_templates: StorageTemplates, tmp_path: Path) -> None:
    database_url = storage_templates.fresh("postgresql")
    with running_api(database_url, tmp_path) as api:
        command = [*node_script("alert-feed.mjs"), api.graphql.replace("http", "ws", 1), "operations/manager-alert-feed.graphql"]
        token = api.token("manager", subject="lead-feed", teams=["t-feed"])
        process = subprocess.Popen(command, cwd=CONTRACT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env={**os.environ, "COACHLOOP_TOKEN": token})
        assert process.stdout is not None
        ready = await asyncio.to_thread(process.stdout.readline)
        await asyncio.sleep(LISTENING_S)
        await raise_compliance_alert(database_url)
        output, errors = await asyncio.to_thread(process.communicate, timeout=30)
    assert json.loads(ready) == {"ready": True}, errors
    alert = json.loads(output)["next"]["data"]["alertRaised"]
    assert process.returncode == 0, errors
    assert {key: alert[key] for key in ("state", "severity", "scopeKind", "scopeId", "value", "threshold")} == {
        "state": "OPEN", "severity": "CRITICAL", "scopeKind": "TEAM", "scopeId": "t-feed", "value": 1.0, "threshold": 0.0,
    }
    assert alert["rule"] | {"id": None} == {
        "id": None, "name": "Compliance phrase in a conversation", "nameZh": "会话出现合规违规用语",
        "source": "COMPLIANCE_FINDING", "metric": None,
    }
