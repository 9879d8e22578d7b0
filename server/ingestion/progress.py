"""A one-line progress display on a terminal: bytes read (of the total when known) and counts."""

from typing import TextIO

from server.ingestion.outcomes import IngestReport


def human_bytes(count: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if count < 1024 or unit == "GiB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    raise AssertionError("unreachable: the last unit returns")


class ProgressLine:
    """Redraws one line on ``stream`` (a terminal); ``finish`` ends it with a newline."""

    def __init__(self, stream: TextIO, source: str, total_bytes: int | None) -> None:
        self.stream = stream
        self.source = source
        self.total_bytes = total_bytes
        self.drawn = False
        self.line = ""

    def show(self, bytes_read: int, report: IngestReport) -> None:
        if self.total_bytes:
            share = min(bytes_read / self.total_bytes, 1.0)
            done = f"{human_bytes(bytes_read)} / {human_bytes(self.total_bytes)} ({share:.0%})"
        else:
            done = human_bytes(bytes_read)
        counts = (
            f"accepted {report.accepted}, duplicates {report.duplicates}, "
            f"conflicts {report.conflicts}, rejected {report.rejected}"
        )
        self.line = f"{self.source}: {done} — {counts}"
        self.stream.write(f"\r\x1b[K{self.line}")
        self.stream.flush()
        self.drawn = True

    def catching_up(self) -> None:
        """Say that the last batch is written and the metrics are being brought up to date."""
        self.line = f"{self.line or self.source} — updating metrics…"
        self.stream.write(f"\r\x1b[K{self.line}")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
