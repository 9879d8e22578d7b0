"""The ``coachloop`` console script: the command's exit status, reached without interpreter finalisation."""

import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from temporalio.testing import WorkflowEnvironment

from server.ops.entry import exit_code
from workflows.retention.start import SCHEDULE_WORKFLOW_ID

COACHLOOP = Path(sys.executable).parent / "coachloop"
RUNS = 5


@pytest.fixture
async def no_schedule_left(temporal_dev_server: WorkflowEnvironment) -> AsyncIterator[None]:
    """The retention workflow the test starts is terminated afterwards."""
    yield
    handle = temporal_dev_server.client.get_workflow_handle(SCHEDULE_WORKFLOW_ID)
    try:
        await handle.terminate("test finished")
    except Exception:  # noqa: BLE001  (none was started)
        return


@pytest.mark.parametrize(("value", "status"), [(None, 0), (0, 0), (2, 2), ("bad things", 1)])
def test_exit_codes_follow_sys_exit(value: object, status: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_code(SystemExit(value)) == status
    assert capsys.readouterr().err == ("bad things\n" if isinstance(value, str) else "")


def test_usage_errors_keep_status_2() -> None:
    result = subprocess.run([COACHLOOP, "report", "--format", "nope"], capture_output=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "invalid choice: 'nope'" in result.stderr.decode()


def test_a_short_lived_temporal_client_exits_cleanly(
    temporal_dev_address: str, tmp_path: Path, no_schedule_left: None
) -> None:
    """``retention schedule`` connects, starts (or joins) the workflow and ends: status 0, no abort, every time."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("COACHLOOP_")}
    environment.update({
        "COACHLOOP_TEMPORAL_ADDRESS": temporal_dev_address,
        "COACHLOOP_TEMPORAL_TASK_QUEUE": f"idle-{uuid.uuid4().hex}",
        "COACHLOOP_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}",
    })
    results = [
        subprocess.run([COACHLOOP, "retention", "schedule"], env=environment, capture_output=True, timeout=120, check=False)
        for _ in range(RUNS)
    ]
    assert [(result.returncode, result.stdout.decode()) for result in results] == [
        (0, f"retention schedule running as workflow {SCHEDULE_WORKFLOW_ID}\n")
    ] * RUNS
    assert not any(b"Fatal Python error" in result.stderr for result in results)
