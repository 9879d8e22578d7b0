"""Ending a process that used a Temporal client: flush, then exit before interpreter finalisation.

The Temporal SDK's Rust core runs Tokio threads that complete Python futures by taking
the GIL. When one does so while CPython finalises (after ``main`` returned), CPython
aborts with ``Fatal Python error: PyGILState_Release: thread state … must be current
when releasing / Python runtime state: finalizing`` and the process dies with SIGABRT
(temporalio/sdk-python#300). The long-running commands therefore shut their work down
fully (worker drained, server stopped, children reaped), flush what they wrote, and end
with ``os._exit`` so that finalisation never runs.
"""

import logging
import os
import sys
from typing import NoReturn


def exit_process(code: int) -> NoReturn:
    """Flush logging and the standard streams, then end the process with ``code`` at once."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            continue
    os._exit(code)
