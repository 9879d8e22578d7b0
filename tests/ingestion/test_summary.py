"""The end-of-import summary and the terminal progress line (pure formatting)."""

import io

from server.ingestion.codes import RejectionCode
from server.ingestion.contract import FieldError
from server.ingestion.outcomes import EventStatus, IngestReport, ItemOutcome
from server.ingestion.progress import ProgressLine, human_bytes
from server.ingestion.summary import PRINTED_LIST_LIMIT, FileReport, summary_json, summary_text


def _report_with_rejections(count: int, kept_limit: int) -> IngestReport:
    report = IngestReport(kept_limit=kept_limit)
    report.count(ItemOutcome(1, "ok", EventStatus.ACCEPTED, (), "a.jsonl"))
    report.count(ItemOutcome(2, "c-1", EventStatus.CONFLICT, (), "a.jsonl"))
    for line in range(3, 3 + count):
        error = FieldError("csat", RejectionCode.OUT_OF_RANGE, "'csat' must be from 1 to 5, got 9")
        report.count(ItemOutcome(line, f"fb-{line}", EventStatus.REJECTED, (error,), "a.jsonl"))
    return report


def test_report_keeps_a_capped_list_and_counts_the_rest() -> None:
    report = _report_with_rejections(30, kept_limit=10)
    assert (report.accepted, report.conflicts, report.rejected, report.total) == (1, 1, 30, 32)
    assert (len(report.outcomes), report.outcomes_not_kept) == (10, 21)
    assert report.conflict_ids == ["c-1"]


def test_text_summary_lists_rejections_up_to_the_limit() -> None:
    text = summary_text([FileReport("a.jsonl", _report_with_rejections(30, kept_limit=100))], "rejected.jsonl")
    lines = text.splitlines()
    assert lines[0] == "Imported 1 file: 1 accepted, 0 duplicates, 1 conflicts, 30 rejected."
    assert lines[1] == "Rejected:"
    assert lines[2] == "  a.jsonl:3  id=fb-3  csat: out_of_range — 'csat' must be from 1 to 5, got 9"
    assert lines[2 + PRINTED_LIST_LIMIT] == "  … and 10 more rejected lines"
    assert lines[-2:] == [
        "Rejected lines were written unchanged to rejected.jsonl.",
        "Conflicts (same id, different content; the first version is kept): c-1",
    ]


def test_json_summary_has_the_counts_first_and_capped_lists() -> None:
    files = [FileReport("a.jsonl", _report_with_rejections(3, kept_limit=2)), FileReport("-", IngestReport())]
    summary = summary_json(files, None)
    assert list(summary)[:4] == ["accepted", "duplicates", "conflicts", "rejected"]
    assert (summary["accepted"], summary["conflicts"], summary["rejected"]) == (1, 1, 3)
    assert [item["line"] for item in summary["rejections"]] == [3]  # the conflict took one of the 2 kept places
    assert summary["rejections_not_listed"] == 2
    assert summary["rejections"][0]["errors"] == [
        {"field": "csat", "code": "out_of_range", "message": "'csat' must be from 1 to 5, got 9"}
    ]
    assert summary["files"][1] == {"file": "-", "accepted": 0, "duplicates": 0, "conflicts": 0, "rejected": 0}


def test_progress_line_shows_bytes_of_the_total_and_counts() -> None:
    stream = io.StringIO()
    progress = ProgressLine(stream, "events.jsonl", 4 * 1024 * 1024)
    progress.show(1024 * 1024, _report_with_rejections(2, kept_limit=10))
    progress.finish()
    assert stream.getvalue() == (
        "\r\x1b[Kevents.jsonl: 1.0 MiB / 4.0 MiB (25%) — accepted 1, duplicates 0, conflicts 1, rejected 2\n"
    )


def test_progress_line_without_a_known_size() -> None:
    stream = io.StringIO()
    ProgressLine(stream, "-", None).show(1536, IngestReport())
    assert stream.getvalue() == "\r\x1b[K-: 1.5 KiB — accepted 0, duplicates 0, conflicts 0, rejected 0"
    assert [human_bytes(value) for value in (0, 1023, 1024, 5 * 1024**3)] == ["0 B", "1023 B", "1.0 KiB", "5.0 GiB"]


def test_progress_line_says_when_the_metrics_catch_up_after_the_last_batch() -> None:
    stream = io.StringIO()
    progress = ProgressLine(stream, "events.jsonl", 2048)
    progress.show(2048, IngestReport())
    progress.catching_up()
    progress.finish()
    last = "events.jsonl: 2.0 KiB / 2.0 KiB (100%) — accepted 0, duplicates 0, conflicts 0, rejected 0"
    assert stream.getvalue() == f"\r\x1b[K{last}\r\x1b[K{last} — updating metrics…\n"
