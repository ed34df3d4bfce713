// citegraph page: builds the vis-network from the embedded JSON and wires the controls.
// Every text from the graph goes into the DOM through textContent, never innerHTML.
(function () {
  "use strict";
  var t0 = performance.now();
  // The data travels compact (see viz/wire.py): every text once in `strings`, records as short arrays.
  var raw = JSON.parse(document.getElementById("graph-data").textContent);
  var config = raw.config, S = raw.strings;

  function text(slot) {  // a string index, or a list of them to join
    return Array.isArray(slot) ? slot.map(function (i) { return S[i]; }).join("") : S[slot];
  }

  function el(parent, tag, cls, value) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (value !== undefined && value !== null && value !== "") e.textContent = String(value);
    if (parent) parent.appendChild(e);
    return e;
  }

  // Tooltip blocks (see viz/elements.py; texts as string indices) -> DOM.
  function buildTip(blocks) {
    var root = el(null, "div", "tip");
    blocks.forEach(function (b) {
      switch (b[0]) {
        case "h": el(root, "div", "tip-h", text(b[1])); break;
        case "s": el(root, "div", "tip-s", text(b[1])); break;
        case "f": {
          var row = el(root, "div", "tip-f");
          el(row, "span", "k", text(b[1]));
          el(row, "span", "v", text(b[2]));
          break;
        }
        case "l": {
          var box = el(root, "div", "tip-l");
          el(box, "span", "k", text(b[1]));
          var ul = el(box, "ul");
          b[2].forEach(function (item) { el(ul, "li", "", S[item]); });
          if (b[3] > 0) el(ul, "li", "more", "… and " + b[3] + " more");
          break;
        }
        case "q": el(root, "blockquote", "tip-q", text(b[1])); break;
        case "a": {
          var url = text(b[1]);
          if (/^https?:\/\//.test(url)) {
            var a = el(root, "a", "tip-a", url);
            a.href = url;
            a.target = "_blank";
            a.rel = "noopener noreferrer";
          }
          break;
        }
      }
    });
    return root;
  }

  // the same width as viz/elements.py edge_width: log-scaled, 1 to 8 pixels
  function edgeWidth(w) { return Math.round(Math.min(8, 1 + 1.5 * Math.log2(Math.max(w, 1))) * 100) / 100; }

  var data = { options: raw.options, config: config, nodes: raw.nodes.map(function (r) {
    var kind = S[r[1]];
    var n = { id: S[r[0]], kind: kind, label: S[r[2]], x: r[3], y: r[4], size: r[5], font: { size: r[6] },
              rank: r[7], papers: r[8], names: r[9].map(function (i) { return S[i]; }), tip: r[10], opacity: 1 };
    if (raw.options.groups[kind]) n.group = kind;
    else Object.assign(n, config.defaultLook);
    return n;
  }) };
  data.edges = raw.edges.map(function (r, i) {
    var rel = S[r[2]];
    return { id: "e" + i, from: data.nodes[r[0]].id, to: data.nodes[r[1]].id, rel: rel, w: r[3],
             width: edgeWidth(r[3]), arrows: rel in config.arrows ? config.arrows[rel] : config.arrows[""],
             color: config.edgeColours[rel] || config.edgeColours[""], tip: r[4] };
  });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  // papers -> the entities they link to (to hide papers whose entities are all filtered out)
  var paperEntities = {};
  data.edges.forEach(function (e) {
    var a = byId[e.from], b = byId[e.to];
    if (a.kind === "Paper" && b.kind !== "Paper") (paperEntities[a.id] = paperEntities[a.id] || []).push(b.id);
  });

  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  // Tooltips are built on first hover (vis-network shows them after its tooltipDelay), not for every
  // item at load: a big page has tens of thousands of edges and most are never hovered.
  var tipped = { node: {}, edge: {} };
  network.on("hoverNode", function (p) {
    if (tipped.node[p.node]) return;
    tipped.node[p.node] = true;
    nodes.update({ id: p.node, title: buildTip(byId[p.node].tip) });
  });
  network.on("hoverEdge", function (p) {
    if (tipped.edge[p.edge]) return;
    tipped.edge[p.edge] = true;
    edges.update({ id: p.edge, title: buildTip(edges.get(p.edge).tip) });
  });

  var state = {
    kinds: {}, rels: {}, topN: config.entities, minWeight: 1, pinned: config.focus || null,
    hiddenNodes: {}, hiddenEdges: {}
  };
  document.querySelectorAll(".kind-filter").forEach(function (box) { state.kinds[box.dataset.kind] = box.checked; });
  document.querySelectorAll(".rel-filter").forEach(function (box) { state.rels[box.dataset.rel] = box.checked; });

  function applyFilters() {
    var visible = {}, nodeUpdates = [], edgeUpdates = [], shownNodes = 0, shownEdges = 0;
    data.nodes.forEach(function (n) {
      if (n.kind === "Paper") return;
      if ((state.kinds[n.kind] !== false && n.rank <= state.topN) || n.id === state.pinned) visible[n.id] = true;
    });
    data.nodes.forEach(function (n) {
      if (n.kind !== "Paper") return;
      var linked = paperEntities[n.id];
      var show = state.kinds.Paper !== false && (!linked || linked.some(function (id) { return visible[id]; }));
      if (show || n.id === state.pinned) visible[n.id] = true;
    });
    data.nodes.forEach(function (n) {
      var hide = !visible[n.id];
      if (!hide) shownNodes++;
      if (!!state.hiddenNodes[n.id] !== hide) {
        state.hiddenNodes[n.id] = hide;
        nodeUpdates.push({ id: n.id, hidden: hide });
      }
    });
    data.edges.forEach(function (e) {
      // vis-network already leaves out edges whose end is hidden: only type and weight are set here
      var show = state.rels[e.rel] !== false && (e.rel !== "CO_MENTIONED" || e.w >= state.minWeight);
      if (show && visible[e.from] && visible[e.to]) shownEdges++;
      if (!!state.hiddenEdges[e.id] !== !show) {
        state.hiddenEdges[e.id] = !show;
        edgeUpdates.push({ id: e.id, hidden: !show });
      }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    document.getElementById("shown").textContent =
      "shown: " + shownNodes + " of " + data.nodes.length + " nodes, " + shownEdges + " of " + data.edges.length + " edges";
  }

  function showDetails(blocks) {
    var box = document.getElementById("details");
    box.replaceChildren();
    if (blocks) box.appendChild(buildTip(blocks));
    else el(box, "p", "hint", "Hover a node or edge for details; click to pin them here.");
  }

  // --- search: names, aliases and titles; spelling variants (GPT4o / gpt-4o) match ---
  function norm(s) { return String(s).toLowerCase().replace(/[\s_\-\u2013\u2014\/]+/g, ""); }
  var index = [];
  data.nodes.forEach(function (n) { (n.names || []).forEach(function (name) { index.push([norm(name), n.id, n.papers || 0, name]); }); });

  function find(query) {
    var q = norm(query);
    if (!q) return null;
    var tiers = [[], [], []];
    index.forEach(function (item) {
      if (item[0] === q) tiers[0].push(item);
      else if (item[0].indexOf(q) === 0) tiers[1].push(item);
      else if (item[0].indexOf(q) > 0) tiers[2].push(item);
    });
    for (var i = 0; i < tiers.length; i++) {
      if (tiers[i].length) {
        tiers[i].sort(function (a, b) { return b[2] - a[2] || a[0].length - b[0].length || (a[1] < b[1] ? -1 : 1); });
        return tiers[i][0][1];
      }
    }
    return null;
  }

  // a selected node and its neighbours stay bright, the rest (nodes, labels, edges) fades; only items whose
  // state changes are updated. On big pages edges are not faded (one update per edge costs seconds there):
  // vis-network still draws the selected node's edges highlighted.
  var dimmed = false, FADED = 0.15, LABEL = data.options.nodes.font.color, FADED_LABEL = "rgba(31,41,51,0.15)";
  var FADE_EDGES = data.edges.length <= config.fadeEdgesUpTo, nodeFaded = {}, edgeFaded = {};
  function fade(keep, keepEdge) {
    var nodeUpdates = [], edgeUpdates = [];
    data.nodes.forEach(function (n) {
      var off = !!keep && !keep[n.id];
      if (!!nodeFaded[n.id] === off) return;
      nodeFaded[n.id] = off;
      nodeUpdates.push({ id: n.id, opacity: off ? FADED : 1, font: { size: n.font.size, color: off ? FADED_LABEL : LABEL } });
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (!FADE_EDGES) return;
    data.edges.forEach(function (e) {
      var off = !!keepEdge && !keepEdge(e);
      if (!!edgeFaded[e.id] === off) return;
      edgeFaded[e.id] = off;
      edgeUpdates.push({ id: e.id, color: off ? Object.assign({}, e.color, { opacity: 0.06 }) : e.color });
    });
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    fade(keep, function (e) { return e.from === id || e.to === id; });
    dimmed = true;
  }
  function unhighlight() {
    if (!dimmed) return;
    fade(null, null);
    dimmed = false;
  }

  function focusNode(id, zoom) {
    state.pinned = id;
    applyFilters();
    network.selectNodes([id]);
    highlight(id);
    if (zoom) network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showDetails(byId[id].tip);
  }

  var status = document.getElementById("search-status");
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var query = document.getElementById("search").value;
    var id = find(query);
    if (id === null) {
      status.textContent = query.trim() ? "nothing named “" + query.trim() + "” on this page" : "";
      status.className = "status miss";
      return;
    }
    status.textContent = "found " + byId[id].kind + ": " + (byId[id].names[0] || id);
    status.className = "status hit";
    focusNode(id, true);
  });
  var searchBox = document.getElementById("search");
  searchBox.addEventListener("change", function () {  // a name picked from the suggestions
    var id = find(searchBox.value);
    if (id !== null && byId[id].names.some(function (n) { return norm(n) === norm(searchBox.value); })) {
      status.textContent = "found " + byId[id].kind + ": " + (byId[id].names[0] || id);
      status.className = "status hit";
      focusNode(id, true);
    }
  });
  searchBox.addEventListener("search", function () {  // the box was cleared: unpin, unselect
    if (searchBox.value) return;
    state.pinned = null;
    status.textContent = "";
    network.unselectAll();
    unhighlight();
    showDetails(null);
    applyFilters();
  });
  var datalistFilled = false;
  document.getElementById("search").addEventListener("focus", function () {
    if (datalistFilled) return;
    datalistFilled = true;
    var list = document.getElementById("search-names"), seen = {}, frag = document.createDocumentFragment();
    index.forEach(function (item) {
      if (seen[item[3]]) return;
      seen[item[3]] = true;
      var opt = document.createElement("option");
      opt.value = item[3];
      frag.appendChild(opt);
    });
    list.appendChild(frag);
  });

  // --- filters and toggles ---
  document.querySelectorAll(".kind-filter").forEach(function (box) {
    box.addEventListener("change", function () {
      state.kinds[box.dataset.kind] = box.checked;
      var papers = document.getElementById("papers");
      if (papers && box.dataset.kind === "Paper") papers.checked = box.checked;
      applyFilters();
    });
  });
  document.querySelectorAll(".rel-filter").forEach(function (box) {
    box.addEventListener("change", function () { state.rels[box.dataset.rel] = box.checked; applyFilters(); });
  });
  var papersToggle = document.getElementById("papers");
  if (papersToggle) {
    papersToggle.addEventListener("change", function () {
      var box = document.querySelector('.kind-filter[data-kind="Paper"]');
      if (box) box.checked = papersToggle.checked;
      state.kinds.Paper = papersToggle.checked;
      applyFilters();
    });
  }
  function rangeControl(id, apply) {
    var input = document.getElementById(id);
    if (!input) return;
    var output = document.getElementById(id + "-value");
    input.addEventListener("input", function () {
      output.textContent = input.value;
      apply(Number(input.value));
      applyFilters();
    });
  }
  rangeControl("top-n", function (v) { state.topN = v; });
  rangeControl("min-weight", function (v) { state.minWeight = v; });
  var physics = document.getElementById("physics");
  physics.checked = !!config.physics;
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked, stabilization: { enabled: false } } });
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });

  network.on("click", function (params) {
    if (params.nodes.length) {
      showDetails(byId[params.nodes[0]].tip);
      highlight(params.nodes[0]);
      return;
    }
    unhighlight();
    if (params.edges.length) showDetails(edges.get(params.edges[0]).tip);
    else showDetails(null);
  });

  applyFilters();
  window.citegraph = {
    network: network, nodes: nodes, edges: edges, config: config, find: find, focusNode: focusNode,
    highlight: highlight, unhighlight: unhighlight,
    applyFilters: applyFilters, ready: false, readyAt: null, buildMs: null
  };
  network.once("afterDrawing", function () {
    if (config.focus && byId[config.focus]) focusNode(config.focus, false);
    window.citegraph.ready = true;
    window.citegraph.readyAt = performance.now();
    window.citegraph.buildMs = performance.now() - t0;
    document.body.setAttribute("data-ready", "1");
  });
})();
