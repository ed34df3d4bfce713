"""Browser fixtures: a fresh headless Chromium per test (see citegraph.viz.browser)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citegraph.viz.browser import make_driver


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium on a fresh profile under tmp_path, quit afterwards."""
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    driver = make_driver(profile)
    try:
        yield driver
    finally:
        driver.quit()
