"""graphql-codegen makes frontend-contract/generated/operations.ts from the operations (checked in, so it must
be current), and `tsc --noEmit` compiles it with the examples that use it."""

import json
from pathlib import Path

import pytest
import yaml

from tests.contract.node import node_tool, run_node
from tests.contract.operations import CONTRACT

pytestmark = pytest.mark.node

GENERATED = CONTRACT / "generated" / "operations.ts"


def test_generated_types_are_current(tmp_path: Path) -> None:
    config = yaml.safe_load((CONTRACT / "codegen.yml").read_text(encoding="utf-8"))
    (target, output), = config["generates"].items()
    assert CONTRACT / target == GENERATED
    fresh = tmp_path / "operations.ts"
    config["generates"] = {str(fresh): output}
    config_file = tmp_path / "codegen.json"
    config_file.write_text(json.dumps(config), encoding="utf-8")
    done = run_node([node_tool("graphql-codegen"), "--config", config_file])
    assert done.returncode == 0, done.stdout + done.stderr
    assert fresh.read_text(encoding="utf-8") == GENERATED.read_text(encoding="utf-8"), (
        "frontend-contract/generated/operations.ts is stale: run `npm run codegen` in frontend-contract/ and review the diff"
    )


def test_generated_types_and_examples_compile() -> None:
    done = run_node([node_tool("tsc"), "--noEmit", "-p", "tsconfig.json"])
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
