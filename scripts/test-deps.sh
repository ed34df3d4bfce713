#!/usr/bin/env bash
# System packages and tools the integration tests need, installed when missing.
# Safe to run repeatedly; does nothing when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium + ChromeDriver for the HTML page tests (Debian packages).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq chromium chromium-driver >/dev/null
    else
        echo "test-deps: chromium/chromedriver missing; install the Debian packages chromium and chromium-driver" >&2
    fi
fi

# Neo4j's own Cypher parser (npm, pinned) for validating every Cypher statement we emit.
if [ -f tests/cypher_lint/package.json ] && [ ! -d tests/cypher_lint/node_modules ]; then
    (cd tests/cypher_lint && npm ci --no-audit --no-fund --loglevel=error)
fi
