"""``coachloop persisted-queries register FILE...``: put the documents of deploy artefacts on the allow-list.

Each file holds one GraphQL document (``.graphql``), registered as it is, byte for
byte, so its hash is the one clients send. One line per file: its hash and name.
Exit 1 when a file does not parse (the others are still registered, in one transaction).
"""

import argparse
import asyncio
import sys
from pathlib import Path

from server.config import get_settings
from server.db import create_engine, create_sessionmaker, transaction
from server.persisted.service import Refusal, register

CLI_SUBJECT = "cli"


async def _register(paths: list[Path]) -> int:
    engine = create_engine(get_settings())
    failed = 0
    try:
        async with transaction(create_sessionmaker(engine)) as session:
            for path in paths:
                outcome = await register(session, path.read_text(encoding="utf-8"), expected_hash=None, registered_by=CLI_SUBJECT)
                if isinstance(outcome, Refusal):
                    failed += 1
                    sys.stderr.write(f"{path}: {outcome.message}\n")
                else:
                    sys.stdout.write(f"{outcome.sha256_hash} {path}\n")
    finally:
        await engine.dispose()
    return 1 if failed else 0


def run_register(arguments: argparse.Namespace) -> int:
    return asyncio.run(_register([Path(name) for name in arguments.files]))
