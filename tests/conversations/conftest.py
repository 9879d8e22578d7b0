"""The shared seeded organisation (tests/authz/world.py)."""

from tests.authz.conftest import world  # noqa: F401  (fixture)
