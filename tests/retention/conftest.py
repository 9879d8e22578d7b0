"""Retention tests: Temporal's time-skipping and dev servers (as the workflow and ops tests use them), the seeded world."""

from tests.authz.conftest import world  # noqa: F401  (fixture)
from tests.ops.conftest import temporal_dev_server  # noqa: F401  (fixture)
from tests.workflows.conftest import task_queue, time_skipping_env  # noqa: F401  (fixtures)
