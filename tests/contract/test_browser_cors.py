"""A real browser (Debian's Chromium driven by playwright-core) on one origin queries the API on another.

The page's fetch sends ``authorization`` and ``content-type: application/json``, so Chromium
makes a CORS preflight first and enforces the answer itself. An allowed origin
(``COACHLOOP_CORS_ALLOWED_ORIGINS``) gets the data; any other origin is blocked by the browser.
`make chromium` installs the browser (apt-get) when /usr/bin/chromium is missing.
"""

import json
from collections.abc import Iterator

import pytest

from tests.conftest import StorageTemplates
from tests.contract.node import CHROMIUM, node_script, run_node
from tests.contract.server import RunningApi, running_api, serving_page

pytestmark = pytest.mark.node


@pytest.fixture(scope="module")
def page_origins() -> Iterator[tuple[str, str]]:
    """Two frontend origins: the allowed one (localhost) and another (127.0.0.1), each on its own port."""
    with serving_page("localhost") as allowed, serving_page("127.0.0.1") as other:
        yield allowed, other


@pytest.fixture(scope="module")
def cors_api(
    page_origins: tuple[str, str], storage_templates: StorageTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningApi]:
    allowed, _ = page_origins
    with running_api(
        storage_templates.fresh("sqlite"), tmp_path_factory.mktemp("cors"), {"COACHLOOP_CORS_ALLOWED_ORIGINS": allowed}
    ) as api:
        yield api


def _browser_fetch(page: str, api: RunningApi) -> dict[str, object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    token = api.token("manager", subject="u-browser", teams=["t-east"])
    done = run_node([*node_script("browser-cors.mjs"), f"{page}/", api.graphql, token], environment={"COACHLOOP_TEST_CHROMIUM": str(CHROMIUM)})
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def test_a_page_on_an_allowed_origin_queries_the_api(page_origins: tuple[str, str], cors_api: RunningApi) -> None:
    """Fails until configurable CORS (COACHLOOP_CORS_ALLOWED_ORIGINS) is in the API."""
    allowed, _ = page_origins
    outcome = _browser_fetch(allowed, cors_api)
    body = outcome.pop("body")
    assert outcome == {"ok": True, "status": 200, "error": None}
    assert isinstance(body, dict)
    assert body["data"] == {"me": {"subject": "u-browser", "roles": ["manager"]}}


def test_a_page_on_another_origin_is_blocked_by_the_browser(page_origins: tuple[str, str], cors_api: RunningApi) -> None:
    _, other = page_origins
    assert _browser_fetch(other, cors_api) == {
        "ok": False, "status": None, "body": None, "error": "TypeError: Failed to fetch",
    }
