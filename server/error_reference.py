"""The error-code reference of frontend-contract/README.md, printed from the code: ``python -m server.error_reference``.

Two lists: the codes of GraphQL errors (``errors[].extensions.code``) and the reasons an
event is rejected (``IngestErrorCode``; the CLI and its JSON output print them in lower case).
The README holds this output between its ``error-reference`` markers; a test checks they agree.
"""

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


if __name__ == "__main__":
    print(error_reference(), end="")
