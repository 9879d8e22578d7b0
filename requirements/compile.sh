#!/usr/bin/env bash
# Re-resolve the three locks from pyproject.toml with hashes: runtime (production), dev (tests, `make up`),
# bench (peers added on top of dev). Today's pins are kept where they still satisfy pyproject.toml.
set -euo pipefail
compile=${1:?usage: compile.sh PATH-TO-PIP-COMPILE}
cd "$(dirname "$0")/.."
options=(--quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --no-header --annotation-style line)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat requirements/dev.lock requirements/bench.lock | grep -E '^[A-Za-z0-9_.-]+==' | sed 's/ .*//' > "$work/pins.txt"
"$compile" "${options[@]}" -c "$work/pins.txt" -o "$work/runtime.lock" pyproject.toml
"$compile" "${options[@]}" -c "$work/pins.txt" --extra test -o "$work/dev.lock" pyproject.toml
"$compile" "${options[@]}" -c "$work/pins.txt" --extra test --extra bench -o "$work/full.lock" pyproject.toml
"${PYTHON:-python3}" requirements/split_locks.py "$work"
