"""The ``coachloop`` console script: ``server.cli.main``, then the end every command shares (server/ops/exit.py).

Any command may hold a Temporal client (``retention schedule`` does, briefly), and a
process that leaves it to interpreter finalisation can abort there; so the script
flushes and ends with ``os._exit`` after the command returned, with its exit code.
"""

import sys
import traceback
from typing import NoReturn

from server.cli import main
from server.ops.exit import exit_process


def exit_code(stop: SystemExit) -> int:
    """The status ``sys.exit(value)`` would give: 0 for None, the int, else 1 (the value printed to stderr)."""
    if stop.code is None:
        return 0
    if isinstance(stop.code, int):
        return stop.code
    print(stop.code, file=sys.stderr)
    return 1


def run() -> NoReturn:
    """Run the command line, then end the process with its status."""
    try:
        code = main()
    except SystemExit as stop:
        code = exit_code(stop)
    except KeyboardInterrupt:
        code = 130
    except BaseException:  # noqa: BLE001  (printed as the interpreter would, then the process ends)
        traceback.print_exc()
        code = 1
    exit_process(code)
