"""JSON Lines input: a binary stream read line by line into InputItems, counting bytes read.

Line numbers start at 1 and count every physical line. A line is split at LF; the LF
is not part of it (a CR before it is, and JSON reads it as white space). Blank lines
(only spaces, tabs or CR) are skipped silently: they hold no event. A UTF-8 byte order
mark at the start of the first line is ignored when reading, kept in ``line``.
"""

from collections.abc import Iterator
from typing import BinaryIO

from server.ingestion.service import InputItem

BYTE_ORDER_MARK = b"\xef\xbb\xbf"
BLANK = b" \t\r"


class LineReader:
    """Iterates the events of one JSON Lines stream; ``bytes_read`` grows as it goes."""

    def __init__(self, stream: BinaryIO, source: str) -> None:
        self.stream = stream
        self.source = source
        self.bytes_read = 0

    def __iter__(self) -> Iterator[InputItem]:
        for number, chunk in enumerate(self.stream, start=1):
            self.bytes_read += len(chunk)
            line = chunk[:-1] if chunk.endswith(b"\n") else chunk
            readable = line[len(BYTE_ORDER_MARK):] if number == 1 and line.startswith(BYTE_ORDER_MARK) else line
            if not readable.strip(BLANK):
                continue
            yield InputItem(number, readable, self.source, line)
