"""Make docs/graph-page.png: the sample corpus's graph page in headless Chromium.

Usage (from the repository root, after `make test` created .venv):

    .venv/bin/python scripts/screenshot.py                      # -> docs/graph-page.png
    .venv/bin/python scripts/screenshot.py -o shot.png INPUTS   # another corpus

It builds the graph of the inputs (default: ../shared/corpus/hf-daily-papers/*.txt,
else examples/), writes the default page (what `citegraph build` writes), opens it
in Chromium at 1400x900, hovers the most-mentioned model so its tooltip shows,
and saves the PNG.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import citegraph  # noqa: E402
from citegraph.viz import write_html  # noqa: E402
from citegraph.viz.browser import console_errors, make_driver, open_page, screenshot  # noqa: E402


def default_inputs() -> list[Path]:
    shared = REPO.parent / "shared" / "corpus" / "hf-daily-papers"
    pages = sorted(shared.glob("*.txt")) if shared.is_dir() else []
    return pages or sorted((REPO / "examples").glob("*.txt"))


def hover(driver, node_id: str) -> None:
    """Move the mouse onto a node so vis-network shows its tooltip."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    x, y = driver.execute_script(
        "const p = citegraph.network.getPositions([arguments[0]])[arguments[0]];"
        "const d = citegraph.network.canvasToDOM(p); return [d.x, d.y];", node_id)
    canvas = driver.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
    width, height = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];",
                                          canvas)
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - width / 2), int(y - height / 2)).perform()
    ActionChains(driver).move_by_offset(1, 0).perform()
    time.sleep(0.6)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help="corpus files (default: the sample corpus)")
    parser.add_argument("-o", "--output", type=Path, default=REPO / "docs" / "graph-page.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--no-hover", action="store_true", help="do not show a tooltip")
    args = parser.parse_args()

    kg = citegraph.build(args.inputs or default_inputs())
    with tempfile.TemporaryDirectory() as tmp:
        page = write_html(kg.G, Path(tmp) / "graph.html", title="citegraph · sample corpus")
        (Path(tmp) / "profile").mkdir()
        driver = make_driver(Path(tmp) / "profile", args.width, args.height)
        try:
            open_page(driver, page)
            shown = set(driver.execute_script("return citegraph.nodes.getIds()"))
            candidates = [e for e in kg.entities("Model") + kg.entities() if e.id in shown]
            if not args.no_hover and candidates:
                hover(driver, candidates[0].id)  # the most-mentioned model, else entity
            screenshot(driver, args.output)
            errors = console_errors(driver)
        finally:
            driver.quit()
    if errors:
        print("console errors:", *errors, sep="\n", file=sys.stderr)
        return 1
    print(f"written: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
