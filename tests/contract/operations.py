"""The published operations of frontend-contract/operations/: each file's role and its named operations."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graphql import DocumentNode, OperationDefinitionNode, parse

CONTRACT = Path(__file__).resolve().parents[2] / "frontend-contract"
OPERATIONS = CONTRACT / "operations"
ROLE_HEADER = re.compile(r"^#\s*role:\s*(\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Operation:
    """One named operation and the role whose token runs it."""

    name: str
    role: str
    file: Path
    document: DocumentNode
    text: str
    """The whole file: what a client sends (fragments included)."""


def role_of(text: str, file: Path) -> str:
    """The role a file declares in its ``# role: …`` header comment."""
    roles = ROLE_HEADER.findall(text)
    if len(roles) != 1:
        raise ValueError(f"{file.name}: declare exactly one '# role: <role>' header, found {roles}")
    return roles[0]


@cache
def published_operations() -> tuple[Operation, ...]:
    """The operation of every ``*.graphql`` file, sorted by name."""
    found: list[Operation] = []
    for file in sorted(OPERATIONS.glob("*.graphql")):
        text = file.read_text(encoding="utf-8")
        document = parse(text)
        role = role_of(text, file)
        named = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if len(named) != 1 or named[0].name is None:
            raise ValueError(f"{file.name}: a file holds exactly one named operation (and any fragments it uses)")
        found.append(Operation(named[0].name.value, role, file, document, text))
    return tuple(sorted(found, key=lambda operation: operation.name))
