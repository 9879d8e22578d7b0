"""Unexpected errors are masked and logged under a correlation id; expected ones keep a code."""

import logging
from pathlib import Path

import pytest
from sqlalchemy import text

from server.kernel.relay import to_global_id
from tests.authz.world import open_world


async def test_an_unexpected_error_is_masked_and_logged_with_a_correlation_id(
    database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DROP TABLE customer_personal"))
        with caplog.at_level(logging.ERROR, logger="server.api.error_masking"):
            result = await api.execute(
                f'{{ teams {{ externalId }} customer(id: "{to_global_id("Customer", "c1")}") {{ name }} }}',
                role="admin", request_id="req-broken",
            )
    finally:
        await engine.dispose()
    assert result.data == {
        "teams": [{"externalId": "t-east"}, {"externalId": "t-east-a"}, {"externalId": "t-root"}, {"externalId": "t-west"}],
        "customer": None,
    }
    [error] = result.errors
    correlation_id = error.extensions["correlationId"]
    assert error.extensions == {"code": "INTERNAL_SERVER_ERROR", "correlationId": correlation_id}
    assert error.message == f"Unexpected error. Correlation id: {correlation_id}"
    assert error.path == ["customer"]
    [record] = [record for record in caplog.records if correlation_id in record.getMessage()]
    assert "req-broken" in record.getMessage()
    assert "customer_personal" in str(record.exc_info[1])


async def test_expected_errors_keep_their_message_and_code(database_url: str, tmp_path: Path) -> None:
    engine, api = await open_world(database_url, tmp_path)
    try:
        result = await api.execute("{ conversations { totalCount } }", role="analyst")
    finally:
        await engine.dispose()
    assert result.data is None
    assert [(error.message, error.extensions) for error in result.errors] == [
        ("not allowed to read Query.conversations", {"code": "FORBIDDEN"})
    ]
