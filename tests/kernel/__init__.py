"""Tests of the kernel: the feature list, the hooks every ingest entry point runs, commit callbacks."""
