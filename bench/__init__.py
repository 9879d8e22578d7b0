"""Benchmarks of coachloop (import throughput, dashboard query, memory); run with ``python -m bench.run``."""
