/* kg view: builds the network, legend, type filter, search and side panel from the JSON
   block #kg-data. Every text from the documents goes into the page through textContent
   (or vis-network's plain-text labels), never through innerHTML. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var api = { settled: false, settleMs: null, data: data };
  window.kgView = api;

  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
  var big = data.nodes.length > 1000;
  var typeOf = {};
  data.types.forEach(function (t) { typeOf[t.core] = t; });
  var shown = {};
  data.types.forEach(function (t) { shown[t.core] = true; });
  var showCo = true;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function kindLabel(info) {
    var k = data.kinds[info.kind] || info.kind;
    var c = data.kinds[info.core] || (typeOf[info.core] ? typeOf[info.core].label : info.core);
    return k === c ? c : k + "（" + c + "）";
  }

  var visNodes = data.nodes.map(function (n) {
    var info = data.info[n.id];
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, value: n.value, shape: n.shape,
      color: { background: n.color, border: "#444", highlight: { background: n.color, border: "#000" },
               hover: { background: n.color, border: "#000" } },
      title: n.label + " · " + kindLabel(info), core: info.core
    };
  });
  var visEdges = data.edges.map(function (e) {
    return {
      id: e.id, from: e.from, to: e.to, label: e.label, title: e.label, co: e.co,
      dashes: e.co, color: { color: e.co ? "#c8c8c8" : "#8a8a8a", highlight: "#333", hover: "#333" },
      arrows: e.co ? "" : "to"
    };
  });
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shown[n.core] !== false; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return showCo || !e.co; } });

  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: {
      font: { face: FONT, size: 14, color: "#222", strokeWidth: 3, strokeColor: "#fff" },
      borderWidth: 1,
      scaling: { min: 8, max: 36, label: { enabled: true, min: 13, max: 24, drawThreshold: 6 } }
    },
    edges: {
      smooth: false, width: 1, selectionWidth: 2,
      arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      font: { face: FONT, size: 12, color: "#555", strokeWidth: 3, strokeColor: "#fff", align: "middle" },
      scaling: { label: { drawThreshold: 5 } }
    },
    physics: {
      enabled: data.physics,
      solver: "barnesHut",
      barnesHut: { gravitationalConstant: -3000, centralGravity: 0.15, springLength: 120, springConstant: 0.04,
                   damping: 0.5, avoidOverlap: 0.1 },
      minVelocity: 1.5,
      timestep: 0.5,
      stabilization: { enabled: true, iterations: 150, updateInterval: 50, fit: true }
    },
    interaction: { hover: !big, tooltipDelay: 250, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   navigationButtons: false, keyboard: false, multiselect: false }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  api.network = network;
  api.nodes = nodes;
  api.edges = edges;

  // ---------------------------------------------------------------- physics: settle, then stop
  var physicsBox = document.getElementById("physics");
  var stopTimer = null;
  function stopPhysics() {
    if (stopTimer) { clearTimeout(stopTimer); stopTimer = null; }
    network.setOptions({ physics: { enabled: false } });
    physicsBox.checked = false;
  }
  function markSettled() {
    if (api.settled) return;
    api.settled = true;
    api.settleMs = performance.now() - t0;
    document.body.setAttribute("data-settled", "1");
  }
  if (data.physics) {
    physicsBox.checked = true;
    network.once("stabilizationIterationsDone", function () { stopPhysics(); network.fit(); markSettled(); });
    stopTimer = setTimeout(function () { stopPhysics(); markSettled(); }, 15000);
  } else {
    network.once("afterDrawing", function () { network.fit(); markSettled(); });
  }
  physicsBox.addEventListener("change", function () {
    if (!physicsBox.checked) { stopPhysics(); return; }
    network.setOptions({ physics: { enabled: true, stabilization: { enabled: false } } });
    network.startSimulation();
    network.once("stabilized", stopPhysics);
    stopTimer = setTimeout(stopPhysics, big ? 10000 : 20000);
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit(); });
  document.getElementById("cooccur").addEventListener("change", function (ev) {
    showCo = ev.target.checked; edgeView.refresh(); updateCounts();
  });

  // ---------------------------------------------------------------- legend and type filter
  function swatch(type) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("viewBox", "-8 -8 16 16");
    var shapes = {
      dot: ["circle", { r: 6 }],
      square: ["rect", { x: -6, y: -6, width: 12, height: 12 }],
      diamond: ["polygon", { points: "0,-7 7,0 0,7 -7,0" }],
      triangle: ["polygon", { points: "0,-7 7,6 -7,6" }],
      triangleDown: ["polygon", { points: "0,7 7,-6 -7,-6" }],
      star: ["polygon", { points: "0,-7 2,-2 7,-2 3,1 5,7 0,3 -5,7 -3,1 -7,-2 -2,-2" }],
      hexagon: ["polygon", { points: "-7,0 -3.5,-6 3.5,-6 7,0 3.5,6 -3.5,6" }]
    };
    var s = shapes[type.shape] || shapes.dot;
    var shape = document.createElementNS(ns, s[0]);
    Object.keys(s[1]).forEach(function (k) { shape.setAttribute(k, s[1][k]); });
    shape.setAttribute("fill", type.color); shape.setAttribute("stroke", "#444");
    svg.appendChild(shape);
    return svg;
  }
  var legend = document.getElementById("legend-list");
  data.types.forEach(function (t) {
    var li = el("li");
    li.setAttribute("data-type", t.core);
    li.setAttribute("role", "checkbox");
    li.setAttribute("aria-checked", "true");
    li.title = "显示或隐藏" + t.label;
    li.appendChild(swatch(t));
    li.appendChild(el("span", t.label));
    li.appendChild(el("span", t.count, "n"));
    li.addEventListener("click", function () { setType(t.core, !shown[t.core]); });
    legend.appendChild(li);
  });
  function setType(core, on) {
    shown[core] = on;
    var li = legend.querySelector('li[data-type="' + core + '"]');
    if (li) { li.classList.toggle("off", !on); li.setAttribute("aria-checked", on ? "true" : "false"); }
    nodeView.refresh();
    updateCounts();
  }
  api.setType = setType;
  function updateCounts() {
    var n = nodeView.length, e = 0;
    edgeView.forEach(function (x) { if (nodeView.get(x.from) && nodeView.get(x.to)) e++; });
    document.getElementById("counts").textContent = "显示 " + n + " 个实体、" + e + " 条关系（共 " +
      data.nodes.length + " / " + data.edges.length + "）";
  }
  updateCounts();

  // ---------------------------------------------------------------- search by any name
  var names = {};
  var list = document.getElementById("names");
  data.nodes.forEach(function (n) {
    var all = [n.label].concat(data.info[n.id].aliases);
    all.forEach(function (name, i) {
      var key = name.replace(/\s+/g, "").toLowerCase();
      (names[key] = names[key] || []).push(n.id);
      if (data.nodes.length <= 5000 || i === 0) {
        var opt = document.createElement("option");
        opt.value = name;
        list.appendChild(opt);
      }
    });
  });
  function find(q) {
    var key = String(q).replace(/\s+/g, "").toLowerCase();
    if (!key) return null;
    if (names[key]) return names[key][0];
    var best = null;
    Object.keys(names).forEach(function (k) {
      if (k.indexOf(key) >= 0) {
        names[k].forEach(function (id) {
          if (best === null || data.nodes[id].value > data.nodes[best].value) best = id;
        });
      }
    });
    return best;
  }
  function focusNode(id) {
    var info = data.info[id];
    if (!shown[info.core]) setType(info.core, true);
    network.selectNodes([id]);
    // vis-network animates frame by frame (not by the clock): on a large view each frame is a
    // full redraw, so the view jumps instead of gliding.
    network.focus(id, { scale: Math.max(network.getScale(), 1.2),
                        animation: data.nodes.length <= 300 ? { duration: 400, easingFunction: "easeInOutQuad" } : false });
    showNode(id);
    api.selected = id;
  }
  api.search = function (q) {
    var id = find(q);
    var status = document.getElementById("search-status");
    if (id === null) { status.textContent = "未找到"; return null; }
    status.textContent = "";
    focusNode(id);
    return id;
  };
  api.focusNode = focusNode;
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    api.search(document.getElementById("search-input").value);
  });

  // ---------------------------------------------------------------- side panel
  var panel = document.getElementById("panel");
  var neighbours = {};
  data.edges.forEach(function (e) {
    (neighbours[e.from] = neighbours[e.from] || []).push({ id: e.to, label: e.label, out: true });
    (neighbours[e.to] = neighbours[e.to] || []).push({ id: e.from, label: e.label, out: false });
  });
  function marked(text, marks) {
    var frag = document.createDocumentFragment();
    var at = 0;
    marks.forEach(function (m) {
      if (m[0] < at) return;
      frag.appendChild(document.createTextNode(text.slice(at, m[0])));
      frag.appendChild(el("mark", text.slice(m[0], m[1])));
      at = m[1];
    });
    frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }
  function docLabel(i) {
    var d = data.docs[i];
    if (!d) return "";
    return d.date ? d.title + "（" + d.date + "）" : d.title;
  }
  function showNode(id) {
    var n = data.nodes[id], info = data.info[id];
    panel.textContent = "";
    panel.appendChild(el("h2", n.label));
    var dl = el("dl");
    function row(term, value) { dl.appendChild(el("dt", term)); var dd = el("dd"); if (value instanceof Node) dd.appendChild(value); else dd.textContent = value; dl.appendChild(dd); return dd; }
    row("类型", kindLabel(info));
    row("别名", info.aliases.length ? info.aliases.join("、") : "（无）");
    row("被提及", info.mentions + " 次");
    if (info.docs.length) {
      var ul = el("ul");
      info.docs.forEach(function (d) { ul.appendChild(el("li", docLabel(d))); });
      if (info.moreDocs) ul.appendChild(el("li", "另有 " + info.moreDocs + " 篇未列出。", "hint"));
      row("出处文件", ul);
    }
    if (info.sentences.length) {
      var box = el("div");
      info.sentences.forEach(function (s) {
        var q = el("blockquote");
        q.appendChild(marked(s.text, s.marks));
        if (s.doc >= 0) q.appendChild(el("span", "— " + docLabel(s.doc), "src"));
        box.appendChild(q);
      });
      if (info.moreMentions) box.appendChild(el("p", "另有 " + info.moreMentions + " 处提及未列出。", "hint"));
      row("原句", box);
    }
    if (info.props && info.props.length) {
      var pl = el("ul");
      info.props.forEach(function (p) { pl.appendChild(el("li", p[0] + "：" + p[1])); });
      row("属性", pl);
    }
    var nb = neighbours[id] || [];
    if (nb.length) {
      var rl = el("ul");
      nb.slice(0, 200).forEach(function (x) {
        var li = el("li");
        li.appendChild(document.createTextNode(x.out ? (x.label || "→") + " → " : "← " + (x.label || "")+ " ← "));
        var a = el("a", data.nodes[x.id].label, "link");
        a.addEventListener("click", function () { focusNode(x.id); });
        li.appendChild(a);
        rl.appendChild(li);
      });
      row("关系", rl);
    }
    panel.appendChild(dl);
    panel.appendChild(el("p", info.iri, "iri"));
  }
  network.on("click", function (p) { if (p.nodes.length) { api.selected = p.nodes[0]; showNode(p.nodes[0]); } });

  if (data.focus.length) {
    var f = data.focus[0];
    var done = function () { network.selectNodes(data.focus); showNode(f); api.selected = f; };
    if (api.settled) done(); else {
      var iv = setInterval(function () { if (api.settled) { clearInterval(iv); done(); } }, 50);
    }
  }
})();
