"""Shared fixtures: the sample corpus (../shared when present, the bundled sample otherwise)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DAILY_DIR = SHARED / "corpus" / "hf-daily-papers"
EXAMPLES = REPO / "examples"
DEV_PAPERS = SHARED / "eval" / "dev_papers.jsonl"
GOLD_DEV = SHARED / "eval" / "gold_dev.json"
SCORE_PY = SHARED / "eval" / "score.py"
RESOURCES = Path(__file__).resolve().parent / "resources"


@pytest.fixture(scope="session")
def daily_pages() -> list[Path]:
    """The five shared listing pages, or the bundled two when ../shared is absent."""
    pages = sorted(DAILY_DIR.glob("*.txt")) if DAILY_DIR.is_dir() else []
    return pages or sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def shared_pages() -> list[Path]:
    pages = sorted(DAILY_DIR.glob("*.txt")) if DAILY_DIR.is_dir() else []
    if not pages:
        pytest.skip("../shared/corpus is not present")
    return pages
