"""Drive the page in a real headless Chromium (Debian ``chromium`` + ``chromedriver``) with selenium.

Used by the browser tests, the benchmark and ``scripts/screenshot.py``.
``open_page(driver, path)`` loads a file and waits until the page says it is
interactive; ``console_errors`` and ``network_requests`` read the browser and
performance logs (Chrome DevTools ``Network.*`` events). selenium comes with
the ``test`` extra and is imported only here.

>>> CHROMIUM_FLAGS[0]
'--headless'
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from citegraph.errors import MissingDependencyError
from citegraph.lazy import require

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync")


def _binary(*names: str) -> str | None:
    for name in names:
        for candidate in (f"/usr/bin/{name}", shutil.which(name)):
            if candidate and Path(candidate).exists():
                return candidate
    return None


def make_driver(profile_dir: Path, width: int = 1400, height: int = 900) -> Any:
    """A headless Chromium with browser and performance logging, on a fresh profile."""
    message = "selenium is not installed; pip install 'citegraph[test]'"
    webdriver = require("selenium.webdriver", message)
    Service = require("selenium.webdriver.chrome.service", message).Service  # noqa: N806 (selenium's class)

    chromium, chromedriver = _binary("chromium", "chromium-browser"), _binary("chromedriver")
    if not chromium or not chromedriver:
        raise MissingDependencyError("chromium/chromedriver not installed; run scripts/test-deps.sh as root "
                                     "(Debian packages chromium and chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile_dir}")
    opts.add_argument(f"--window-size={width},{height}")
    opts.add_argument("--force-device-scale-factor=1")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=opts)
    driver.set_page_load_timeout(60)
    # an exact viewport (the window size includes browser chrome, even headless)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    return driver


def open_page(driver: Any, path: Path, timeout: float = 30.0) -> float:
    """Load ``path`` from a file:// URL; wait until the page is interactive.
    Returns the time to interactive in ms (from navigation start)."""
    driver.get_log("browser"), driver.get_log("performance")  # drop what the blank start page logged
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = driver.execute_script(
            "return window.citegraph && window.citegraph.ready ? window.citegraph.readyAt : null")
        if ready is not None:
            return float(ready)
        time.sleep(0.05)
    raise TimeoutError(f"{path} did not become interactive within {timeout} s; console: {console_errors(driver)}")


def console_errors(driver: Any) -> list[str]:
    """SEVERE entries of the browser log (JS errors, failed loads, CSP violations)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def network_requests(driver: Any) -> list[str]:
    """Every URL the page asked the network for, from the DevTools performance log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def screenshot(driver: Any, path: Path) -> Path:
    """Save a PNG of the window and check it is one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not driver.save_screenshot(str(path)) or path.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
        raise OSError(f"{path}: the browser wrote no PNG")
    return path
