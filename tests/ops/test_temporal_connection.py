"""Temporal connection settings: how they map onto Client.connect, and TLS/mTLS against a real server.

The dev server has no TLS options (``temporal server start-dev --help``), so the TLS
tests reach it through a TLS-terminating front that requires a client certificate
(tests/ops/tls_support.py), with a CA made for the test.
"""

from pathlib import Path

import pytest
from pydantic import ValidationError
from temporalio.service import TLSConfig

from server.config import Settings
from tests.ops.tls_support import SERVER_NAME, Certificates, make_certificates, mutual_tls_context, tls_front
from workflows.client import LazyTemporalClient, TemporalSettingsError, connect, connection_options


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("certificates"))


def mutual_tls_settings(certificates: Certificates, address: str, **changes: object) -> Settings:
    return Settings(**{
        "temporal_address": address,
        "temporal_tls_ca_file": str(certificates.ca),
        "temporal_tls_cert_file": str(certificates.client_cert),
        "temporal_tls_key_file": str(certificates.client_key),
        "temporal_tls_server_name": SERVER_NAME,
        **changes,
    })


def test_plaintext_by_default() -> None:
    assert connection_options(Settings(temporal_address="temporal.internal:7233", temporal_namespace="support")) == {
        "target_host": "temporal.internal:7233", "namespace": "support", "tls": False, "api_key": None,
        "interceptors": [],
    }


@pytest.mark.parametrize("changes", [{"temporal_tls": True}, {"temporal_api_key": "key-123"}])
def test_tls_with_system_roots_when_asked_or_with_an_api_key(changes: dict[str, object]) -> None:
    options = connection_options(Settings(temporal_address="ns.a1b2c.tmprl.cloud:7233", **changes))
    assert (options["tls"], options["api_key"]) == (True, changes.get("temporal_api_key"))


def test_the_files_and_the_server_name_make_a_tls_config(certificates: Certificates) -> None:
    options = connection_options(mutual_tls_settings(certificates, "10.0.0.7:7233", temporal_api_key="key-123"))
    assert options == {
        "target_host": "10.0.0.7:7233",
        "namespace": "default",
        "tls": TLSConfig(
            server_root_ca_cert=certificates.ca.read_bytes(),
            client_cert=certificates.client_cert.read_bytes(),
            client_private_key=certificates.client_key.read_bytes(),
            domain=SERVER_NAME,
        ),
        "api_key": "key-123",
        "interceptors": [],
    }


def test_a_ca_alone_verifies_the_server_without_a_client_certificate(certificates: Certificates) -> None:
    settings = Settings(temporal_address="10.0.0.7:7233", temporal_tls_ca_file=str(certificates.ca))
    assert connection_options(settings)["tls"] == TLSConfig(server_root_ca_cert=certificates.ca.read_bytes())


@pytest.mark.parametrize("given", ["temporal_tls_cert_file", "temporal_tls_key_file"])
def test_a_client_certificate_needs_its_key(given: str) -> None:
    with pytest.raises(ValidationError, match="COACHLOOP_TEMPORAL_TLS_CERT_FILE and COACHLOOP_TEMPORAL_TLS_KEY_FILE go together"):
        Settings(**{given: "/etc/coachloop/temporal.pem"})


def test_an_unreadable_file_is_named_with_its_setting(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "ca.pem"
    with pytest.raises(TemporalSettingsError) as raised:
        connection_options(Settings(temporal_address="10.0.0.7:7233", temporal_tls_ca_file=str(missing)))
    assert str(raised.value) == f"COACHLOOP_TEMPORAL_TLS_CA_FILE: cannot read {missing}: No such file or directory"


async def test_mutual_tls_reaches_the_server_through_every_connection(
    certificates: Certificates, temporal_dev_address: str
) -> None:
    async with tls_front(temporal_dev_address, mutual_tls_context(certificates)) as address:
        settings = mutual_tls_settings(certificates, address)
        client = await connect(settings)
        healthy = await client.service_client.check_health()
        count = await client.count_workflows("WorkflowType = 'NoSuchWorkflow'")
        reachable = await LazyTemporalClient(settings).reachable()
    assert (healthy, count.count, reachable) == (True, 0, (True, ""))


async def test_the_ip_address_is_verified_when_no_server_name_is_set(
    certificates: Certificates, temporal_dev_address: str
) -> None:
    async with tls_front(temporal_dev_address, mutual_tls_context(certificates)) as address:
        settings = mutual_tls_settings(certificates, address, temporal_tls_server_name="", temporal_api_key="key-123")
        assert await LazyTemporalClient(settings).reachable() == (True, "")


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"temporal_tls_cert_file": "", "temporal_tls_key_file": ""}, "no client certificate"),
        ({"temporal_tls_ca_file": ""}, "server certificate from an unknown CA"),
        ({"temporal_tls_server_name": "other.test"}, "server certificate for another name"),
    ],
)
async def test_the_handshake_fails_without_what_the_server_requires(
    certificates: Certificates, temporal_dev_address: str, changes: dict[str, str], why: str
) -> None:
    async with tls_front(temporal_dev_address, mutual_tls_context(certificates)) as address:
        settings = mutual_tls_settings(certificates, address, **changes)
        assert await LazyTemporalClient(settings).reachable() == (False, "RuntimeError"), why
