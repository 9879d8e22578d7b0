"""Child stage: coachloop's real import of the demo file, through ``coachloop import FILE --json``.

Run as ``python -m bench.coachloop_import FILE --batch-size N --result OUT.json`` with
``COACHLOOP_DATABASE_URL`` (and the organisation's ``COACHLOOP_TIMEZONE``) in the
environment, exactly like the command; the seconds measured are those of the
command's ``main`` (interpreter start-up excluded, as for the bare insert).
"""

import argparse
import io
import json
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

from bench.memory import peak_rss_bytes
from server.cli import main as coachloop_main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file")
    parser.add_argument("--batch-size", type=int, required=True)
    parser.add_argument("--result", required=True)
    arguments = parser.parse_args(argv)
    summary = io.StringIO()
    started = time.perf_counter()
    with redirect_stdout(summary):
        exit_code = coachloop_main(["import", arguments.file, "--json", "--batch-size", str(arguments.batch_size)])
    seconds = time.perf_counter() - started
    if exit_code != 0:
        print(f"coachloop import exited {exit_code}", file=sys.stderr)
        return exit_code
    report = json.loads(summary.getvalue())
    result = {key: report[key] for key in ("accepted", "duplicates", "conflicts", "rejected")}
    result.update(seconds=seconds, peak_rss_bytes=peak_rss_bytes())
    Path(arguments.result).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
