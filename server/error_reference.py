"""The error-code reference of frontend-contract/README.md, printed from the code: ``python -m server.error_reference``
(``--update PATH`` rewrites the block between the markers of that file instead).

Two lists: the codes of GraphQL errors (``errors[].extensions.code``) and the reasons an
event is rejected (``IngestErrorCode``; the CLI and its JSON output print them in lower case).
The README holds this output between its ``error-reference`` markers; a test checks they agree.
"""

import sys
from pathlib import Path

from server.errors import ERROR_CODE_MEANINGS, ErrorCode
from server.ingestion.codes import REJECTION_MEANINGS, RejectionCode

START_MARKER = "<!-- error-reference:start (python -m server.error_reference) -->"
END_MARKER = "<!-- error-reference:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def error_reference() -> str:
    """Both tables as Markdown, between the README's markers, ending with a newline."""
    lines = [
        START_MARKER,
        "",
        "#### GraphQL errors: `errors[].extensions.code` / GraphQL 错误码",
        "",
        "| Code | Meaning | 含义 |",
        "|---|---|---|",
    ]
    lines += [f"| `{code.value}` | {_cell(ERROR_CODE_MEANINGS[code].en)} | {_cell(ERROR_CODE_MEANINGS[code].zh)} |" for code in ErrorCode]
    lines += [
        "",
        "#### Event rejections: `IngestErrorCode` (CLI and JSON output: lower case) / 事件拒绝原因",
        "",
        "| Code | CLI / JSON | Meaning | 含义 |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| `{code.name}` | `{code.value}` | {_cell(REJECTION_MEANINGS[code].en)} | {_cell(REJECTION_MEANINGS[code].zh)} |"
        for code in RejectionCode
    ]
    lines += ["", END_MARKER]
    return "\n".join(lines) + "\n"


def with_reference(document: str) -> str:
    """``document`` with the block between its markers replaced by the current reference."""
    start, end = document.index(START_MARKER), document.index(END_MARKER) + len(END_MARKER)
    return document[:start] + error_reference().rstrip("\n") + document[end:]


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["--update"] and len(arguments) == 2:
        target = Path(arguments[1])
        target.write_text(with_reference(target.read_text(encoding="utf-8")), encoding="utf-8")
        return 0
    if arguments:
        sys.stderr.write("usage: python -m server.error_reference [--update frontend-contract/README.md]\n")
        return 2
    sys.stdout.write(error_reference())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
