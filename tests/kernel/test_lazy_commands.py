"""Commands import only what they use: the parser and ``token`` load no schema, database, Temporal or SciPy."""

import json
import subprocess
import sys

import pytest

from server.cli import build_parser
from server.features import FEATURES
from server.kernel.feature import Ref
from server.metrics.commands import FORMAT_NAMES
from server.metrics.formats import RENDERERS

HEAVY = ("sqlalchemy", "sqlmodel", "strawberry", "graphql", "temporalio", "scipy", "numpy", "alembic", "uvicorn", "httpx")

PROBE = """
import json, sys
from server.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def _imported_by(*arguments: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *arguments], capture_output=True, text=True, check=True,
        env={"COACHLOOP_ENVIRONMENT": "development", "PATH": ""},
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("arguments", [("--help",), ("import", "--help"), ("token", "--role", "admin", "--subject", "a")])
def test_a_command_imports_none_of_the_heavy_packages_it_does_not_use(arguments: tuple[str, ...]) -> None:
    assert _imported_by(*arguments) & set(HEAVY) == set()


def test_every_handler_and_declared_part_resolves() -> None:
    """A Ref that names nothing fails here, not when a user first runs the command or a worker starts."""
    parser = build_parser()
    actions = [action for action in parser._actions if action.dest == "command"]  # noqa: SLF001
    handlers = []
    for subparser in actions[0].choices.values():  # type: ignore[union-attr]
        nested = [action for action in subparser._actions if hasattr(action, "choices") and isinstance(action.choices, dict)]  # noqa: SLF001
        parsers = [subparser, *(choice for action in nested for choice in action.choices.values())]
        handlers += [found.get_default("handler") for found in parsers if found.get_default("handler") is not None]
    assert handlers and all(isinstance(handler, Ref) for handler in handlers)
    assert all(callable(handler.load()) for handler in handlers)
    for feature in FEATURES:
        feature.query_type(), feature.mutation_type(), feature.subscription_type()
        assert all(part is not None for part in (*feature.table_parts(), *feature.workflow_parts(), *feature.activity_class_parts()))
        assert all(callable(declared.hook) for declared in feature.hook_parts())


def test_the_report_formats_named_for_the_parser_are_the_renderers() -> None:
    assert set(FORMAT_NAMES) == set(RENDERERS)
