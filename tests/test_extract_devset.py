"""Regression: the real CLI on the shared dev set, scored by the shared score.py.

The extractor reached overall F1 0.942 (Model 0.956, Benchmark 0.966, introduced 0.973) when
this test was written, and 0.947 (Model 0.956, Benchmark 0.983, introduced 0.984) after the rules
for descriptions after "a", authors' naming verbs and proposals with an apposition; it fails when
a change costs more than three points anywhere.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import DEV_PAPERS, GOLD_DEV, SCORE_PY

REACHED = {"all": 0.947, "Model": 0.956, "Benchmark": 0.983, "introduced_accuracy": 0.984}
MARGIN = 0.03


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory) -> dict:
    if not (DEV_PAPERS.is_file() and GOLD_DEV.is_file() and SCORE_PY.is_file()):
        pytest.skip("../shared/eval is not present")
    pred = tmp_path_factory.mktemp("dev") / "pred.jsonl"
    cli = [sys.executable, "-m", "citegraph", "extract", str(DEV_PAPERS), "--format", "jsonl"]
    with pred.open("w", encoding="utf-8") as out:
        subprocess.run(cli, check=True, stdout=out, timeout=600)
    done = subprocess.run([sys.executable, str(SCORE_PY), str(GOLD_DEV), str(pred), "--json"],
                          check=True, capture_output=True, text=True, timeout=600)
    return json.loads(done.stdout)


@pytest.mark.parametrize("key", sorted(REACHED))
def test_dev_set_scores_stay_near_the_reached_level(dev_scores, key):
    value = dev_scores[key] if key == "introduced_accuracy" else dev_scores[key]["f1"]
    assert value >= REACHED[key] - MARGIN, f"{key}: {value:.3f} < {REACHED[key]} - {MARGIN}"
