"""The demo's domain event: the demo stream is in, features may now seed their own demo records."""

from dataclasses import dataclass

DEMO_LOADED = "demo.loaded"


@dataclass(frozen=True)
class DemoLoaded:
    """Published once the demo's events are ingested; ``now_us`` is the instant the demo's story is told at."""

    now_us: int
    timezone: str
