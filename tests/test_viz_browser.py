"""The graph page in a real headless Chromium: loads offline, counts, search, filters, tooltips.

Each test saves a PNG screenshot under its tmp_path.
"""

from __future__ import annotations

import time
from pathlib import Path

import networkx as nx
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import citegraph
from citegraph.viz import PageOptions, ViewOptions, select_view, write_html
from citegraph.viz.browser import console_errors, network_requests, open_page, screenshot

from .browser_fixtures import browser  # noqa: F401  (fixture)
from .viz_fixtures import NASTY_TITLE, typed_graph

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def sample_graph(daily_pages):
    return citegraph.build(daily_pages).G


@pytest.fixture(scope="module")
def sample_page(sample_graph, tmp_path_factory) -> Path:
    return write_html(sample_graph, tmp_path_factory.mktemp("page") / "graph.html")


def js(driver, script: str, *args):
    return driver.execute_script(script, *args)


def wait_for(driver, script: str, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = js(driver, script)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script}")


def visible_kinds(driver) -> dict[str, int]:
    return js(driver, """
        const out = {}, body = citegraph.network.body;
        citegraph.nodes.forEach(n => { if (!body.nodes[n.id].options.hidden) out[n.kind] = (out[n.kind] || 0) + 1; });
        return out;""")


def test_sample_page_loads_offline_with_the_expected_graph(browser, sample_graph, sample_page, tmp_path):  # noqa: F811
    expected = select_view(sample_graph).graph
    tti_ms = open_page(browser, sample_page)
    screenshot(browser, tmp_path / "sample.png")
    assert console_errors(browser) == []
    requests = network_requests(browser)
    page_url = sample_page.resolve().as_uri()
    assert requests and all(u == page_url for u in requests if not u.startswith("data:")), requests
    assert not [u for u in requests if u.startswith(("http:", "https:", "ws:", "wss:"))]
    counts = js(browser, "return [citegraph.nodes.length, citegraph.edges.length,"
                         " citegraph.network.body.nodeIndices.length, citegraph.network.body.edgeIndices.length]")
    assert counts == [expected.number_of_nodes(), expected.number_of_edges()] * 2
    assert tti_ms > 0
    # every node has a position from the Python layout (physics off at this size)
    assert js(browser, "return citegraph.network.physics.options.enabled") is False


def test_search_box_focuses_a_node_by_alias(browser, sample_graph, sample_page, tmp_path):  # noqa: F811
    open_page(browser, sample_page)
    target = "model:gpt-4o"
    assert target in sample_graph
    box = browser.find_element(By.ID, "search")
    box.send_keys("gpt4o", Keys.ENTER)  # an alias spelling
    wait_for(browser, f"return citegraph.network.getSelectedNodes()[0] === {target!r}")
    # the view is centred on the node once the animation ends (vis-network's animation can stop
    # a few canvas units short; the page starts hundreds of units away)
    wait_for(browser, f"""
        const p = citegraph.network.getPositions([{target!r}])[{target!r}], c = citegraph.network.getViewPosition();
        return Math.abs(p.x - c.x) < 10 && Math.abs(p.y - c.y) < 10;""")
    assert "GPT-4o" in browser.find_element(By.ID, "details").text
    # its neighbours stay bright, the rest fades
    bright = set(js(browser, "return citegraph.nodes.get({filter: n => n.opacity === 1}).map(n => n.id)"))
    assert bright == {target, *js(browser, f"return citegraph.network.getConnectedNodes({target!r})")}
    faded_label = "return citegraph.network.body.nodes[arguments[0]].options.font.color"
    far = next(n for n in js(browser, "return citegraph.nodes.getIds()") if n not in bright)
    assert js(browser, faded_label, far) != js(browser, faded_label, target)
    js(browser, "citegraph.unhighlight()")
    assert js(browser, faded_label, far) == js(browser, faded_label, target)
    assert js(browser, "return citegraph.nodes.get({filter: n => n.opacity !== 1}).length") == 0
    assert "found Model" in browser.find_element(By.ID, "search-status").text
    screenshot(browser, tmp_path / "search.png")
    box.clear()
    box.send_keys("no such thing at all", Keys.ENTER)
    assert "nothing named" in browser.find_element(By.ID, "search-status").text
    assert console_errors(browser) == []


def test_filters_hide_types_papers_and_minor_entities(browser, sample_page, tmp_path):  # noqa: F811
    open_page(browser, sample_page)
    before = visible_kinds(browser)
    assert before["Model"] > 0 and before["Paper"] > 0
    browser.find_element(By.CSS_SELECTOR, '.kind-filter[data-kind="Model"]').click()
    after = visible_kinds(browser)
    assert "Model" not in after and after["Method"] == before["Method"]
    # no drawn edge ends in a hidden node
    assert js(browser, """const b = citegraph.network.body;
        return b.edgeIndices.every(id => !b.nodes[b.edges[id].fromId].options.hidden
                                         && !b.nodes[b.edges[id].toId].options.hidden)""")
    assert js(browser, "return citegraph.network.body.nodeIndices.length") == sum(after.values())
    screenshot(browser, tmp_path / "no-models.png")
    browser.find_element(By.CSS_SELECTOR, '.kind-filter[data-kind="Model"]').click()
    browser.find_element(By.ID, "papers").click()  # entity co-mention map
    assert "Paper" not in visible_kinds(browser)
    heaviest = js(browser, "return citegraph.config.maxWeight")
    assert heaviest > 1  # the sample has entity pairs that share papers
    js(browser, """const r = document.getElementById('min-weight'); r.value = arguments[0];
                   r.dispatchEvent(new Event('input'));""", heaviest)
    drawn = "const drawn = new Set(citegraph.network.body.edgeIndices);"
    assert js(browser, drawn + """
        const light = citegraph.edges.get().filter(e => e.rel === 'CO_MENTIONED' && e.w < arguments[0]);
        return light.length > 0 && light.every(e => !drawn.has(e.id))""", heaviest)
    assert js(browser, drawn + """return citegraph.edges.get().some(e => e.rel === 'CO_MENTIONED' && e.w >= arguments[0]
                                                                && drawn.has(e.id))""", heaviest)
    js(browser, """const r = document.getElementById('top-n'); r.value = 10;
                   r.dispatchEvent(new Event('input'));""")
    assert sum(visible_kinds(browser).values()) == 10
    browser.find_element(By.ID, "physics").click()
    assert js(browser, "return citegraph.network.physics.options.enabled") is True
    screenshot(browser, tmp_path / "co-mention-map.png")
    assert console_errors(browser) == []


def test_tooltips_show_hostile_text_as_text(browser, tmp_path):  # noqa: F811
    # physics off: the nodes stay where the mouse is sent
    page = write_html(typed_graph(), tmp_path / "typed.html", view=ViewOptions.everything(),
                      page=PageOptions(physics_threshold=0))
    open_page(browser, page)
    assert js(browser, "return citegraph.nodes.length") == 8 and js(browser, "return citegraph.edges.length") == 17
    # hover the paper with the hostile title: vis-network shows our DOM tooltip
    x, y = js(browser, """const p = citegraph.network.getPositions(['paper:1'])['paper:1'];
                          const d = citegraph.network.canvasToDOM(p); return [d.x, d.y];""")
    canvas = browser.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
    rect = js(browser, "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", canvas)
    ActionChains(browser).move_to_element_with_offset(canvas, int(x - rect[0] / 2), int(y - rect[1] / 2)).perform()
    ActionChains(browser).move_by_offset(1, 0).perform()
    tip = wait_for(browser, """const t = document.querySelector('div.vis-tooltip');
                               return t && t.style.visibility !== 'hidden' && t.textContent;""")
    assert NASTY_TITLE in tip and "B. <Author>" in tip
    screenshot(browser, tmp_path / "tooltip.png")
    # nothing from the data became markup
    assert js(browser, "return document.querySelectorAll('img, iframe, script[src]').length") == 0
    # edge tooltips are built on first hover too, from the string table, as text
    edge = js(browser, """const e = citegraph.edges.get({filter: e => e.rel === 'MENTIONS' && e.from === 'paper:1'})[0];
        citegraph.network.body.emitter.emit('hoverEdge', {edge: e.id});
        const t = citegraph.edges.get(e.id).title; return [t instanceof Element, t.textContent];""")
    assert edge[0] and 'We train <GPT-4o> & "friends" on $x^2$.' in edge[1] and "MENTIONS" in edge[1]
    js(browser, "citegraph.focusNode('paper:2', false)")
    details = browser.find_element(By.ID, "details")
    assert "introduces" in details.text and "WebRL" in details.text
    assert details.find_elements(By.TAG_NAME, "a") == []  # its javascript: url is not a link
    assert console_errors(browser) == []


def test_ego_page_starts_on_its_focus(browser, sample_graph, tmp_path):  # noqa: F811
    view = select_view(sample_graph, ViewOptions(focus="GPT-4o", depth=2))
    page = write_html(sample_graph, tmp_path / "ego.html", view=view)
    open_page(browser, page)
    assert js(browser, "return citegraph.nodes.length") == view.graph.number_of_nodes()
    wait_for(browser, "return citegraph.network.getSelectedNodes()[0] === 'model:gpt-4o'")
    screenshot(browser, tmp_path / "ego.png")
    assert console_errors(browser) == []


def test_empty_and_paper_only_graphs_give_working_pages(browser, tmp_path):  # noqa: F811
    papers_only = nx.MultiDiGraph()
    papers_only.add_node("paper:1", label="Paper", title="Lonely & <unlinked>")
    for name, G in (("empty", nx.MultiDiGraph()), ("papers-only", papers_only)):
        page = write_html(G, tmp_path / f"{name}.html", view=ViewOptions.everything())
        open_page(browser, page)
        assert js(browser, "return citegraph.nodes.length") == G.number_of_nodes()
        box = browser.find_element(By.ID, "search")
        box.send_keys("lonely", Keys.ENTER)
        screenshot(browser, tmp_path / f"{name}.png")
        assert console_errors(browser) == [], name
    assert js(browser, "return citegraph.network.getSelectedNodes()") == ["paper:1"]


def test_big_pages_fade_nodes_but_not_edges(browser, sample_graph, tmp_path, monkeypatch):  # noqa: F811
    from citegraph.viz import html

    monkeypatch.setattr(html, "FADE_EDGES_UP_TO", 10)  # the sample page stands in for a big one
    page = write_html(sample_graph, tmp_path / "big.html")
    open_page(browser, page)
    assert js(browser, "return citegraph.config.fadeEdgesUpTo") == 10
    js(browser, "citegraph.focusNode('model:gpt-4o', false)")
    assert js(browser, "return citegraph.nodes.get({filter: n => n.opacity !== 1}).length") > 0
    assert js(browser, "return citegraph.edges.get({filter: e => e.color.opacity === 0.06}).length") == 0
    assert js(browser, "return citegraph.network.getSelectedEdges().length") > 0  # vis-network highlights them
    screenshot(browser, tmp_path / "big.png")
    assert console_errors(browser) == []
