/* Draws the conversation maps. The graph and its layout were computed at build time
 * (plugins/conversation_map); this script only reads the JSON block named by each
 * map's data-map attribute and hands it to vis-network, with physics off.
 * Every string is treated as text: tooltips become text nodes, never HTML. */
(function () {
  "use strict";

  var SMALL_SCREEN = "(max-width: 40rem)";

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function textTooltip(text) {
    var el = document.createElement("div");
    el.className = "map-tooltip";
    el.textContent = text;
    return el;
  }

  function resolveUrl(siteurl, url) {
    if (!url) { return null; }
    if (/^https?:\/\//i.test(url)) { return url; }
    var base = siteurl ? siteurl.replace(/\/+$/, "") + "/" : "/";
    return new URL(base + url.replace(/^\/+/, ""), document.baseURI).href;
  }

  function readData(container) {
    var block = document.getElementById(container.getAttribute("data-map"));
    if (!block) { return null; }
    try { return JSON.parse(block.textContent); } catch (err) { return null; }
  }

  function styleNodes(nodes) {
    var label = cssVar("--map-label", "#23211d");
    nodes.forEach(function (node) {
      var color = cssVar("--map-" + node.kind, null);
      if (node.kind === "person" && node.highlight) { color = cssVar("--map-person", color); }
      else if (node.kind === "person" && typeof node.community === "number" && node.community >= 0) {
        color = cssVar("--community-" + (node.community % 8), color);
      } else if (node.kind === "person" && node.community !== undefined) { color = cssVar("--map-post", color); }
      if (color) { node.color = color; }
      if (node.kind !== "post") { node.font = { color: label }; }
      if (typeof node.title === "string" && node.title) { node.title = textTooltip(node.title); }
    });
    return nodes;
  }

  function styleEdges(edges) {
    edges.forEach(function (edge) {
      var color = cssVar("--edge-" + (edge.main_kind || edge.kind), null);
      if (color) { edge.color = { color: color, highlight: color, hover: color }; }
      if (typeof edge.title === "string" && edge.title) { edge.title = textTooltip(edge.title); }
      edge.id = edge.from + "\u2192" + edge.to + "\u2192" + edge.kind;
    });
    return edges;
  }

  function setStatus(container, message) {
    var status = container.parentNode.querySelector(".map-status");
    if (status) { status.textContent = message; }
  }

  function draw(container) {
    if (container.getAttribute("data-drawn")) { return; }
    var data = readData(container);
    if (!data || typeof vis === "undefined") {
      setStatus(container, "The map could not be drawn; the text on this page holds the same information.");
      return;
    }
    container.setAttribute("data-drawn", "1");
    container.textContent = "";
    var nodes = new vis.DataSet(styleNodes(data.nodes));
    var edges = new vis.DataSet(styleEdges(data.edges));
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
    var siteurl = container.getAttribute("data-siteurl") || "";
    network.on("click", function (params) {
      if (!params.nodes.length) { return; }
      var node = nodes.get(params.nodes[0]);
      var target = node && resolveUrl(siteurl, node.url);
      if (target) { window.location.assign(target); }
    });
    network.once("afterDrawing", function () {
      // A tall thread fits only at a tiny scale: start readable (data-min-scale), at the top.
      var minScale = parseFloat(container.getAttribute("data-min-scale") || "0");
      if (minScale && network.getScale() < minScale) {
        var top = nodes.get({ filter: function (n) { return n.kind === "post"; } })[0];
        if (top) { network.moveTo({ position: { x: top.x, y: top.y + 200 }, scale: minScale, animation: false }); }
      }
      container.setAttribute("data-ready", String(nodes.length));
      setStatus(container, nodes.length + " nodes and " + edges.length + " connections drawn. Drag to move, scroll to zoom, click to open.");
    });
    container.visNetwork = network;
    var controls = document.querySelector('form[data-for="' + container.id + '"]');
    if (controls) { wireControls(controls, container, network, nodes, edges, data); }
  }

  function wireControls(form, container, network, nodes, edges, data) {
    var original = data.edges.slice();
    form.addEventListener("submit", function (event) { event.preventDefault(); focusPerson(); });

    function applyFilters() {
      var kinds = Array.prototype.map.call(form.querySelectorAll('input[name="kind"]:checked'), function (i) { return i.value; });
      var topic = form.elements.topic ? form.elements.topic.value : "";
      var filtering = kinds.length < 4 || topic !== "";
      var visibleNodes = {};
      var updates = original.map(function (edge) {
        var weight = 0;
        Object.keys(edge.posts || {}).forEach(function (slug) {
          var post = data.posts[slug] || { tags: [], category: "" };
          var matches = topic === "" ||
            (topic.indexOf("tag:") === 0 && post.tags.indexOf(topic.slice(4)) !== -1) ||
            (topic.indexOf("category:") === 0 && post.category === topic.slice(9));
          if (!matches) { return; }
          var share = edge.posts[slug] / Math.max(edge.weight, 1);
          kinds.forEach(function (kind) { weight += (edge.counts[kind] || 0) * share; });
        });
        var hidden = weight <= 0;
        if (!hidden) { visibleNodes[edge.from] = true; visibleNodes[edge.to] = true; }
        return { id: edge.id, hidden: hidden, value: Math.max(Math.round(weight), 1) };
      });
      edges.update(updates);
      nodes.update(nodes.getIds().map(function (id) { return { id: id, hidden: filtering && !visibleNodes[id] }; }));
      var shownEdges = updates.filter(function (u) { return !u.hidden; }).length;
      setStatus(container, filtering ? shownEdges + " of " + updates.length + " connections match the filter." : updates.length + " connections.");
    }

    function focusPerson() {
      var input = form.elements.person;
      var wanted = (input.value || "").trim().toLowerCase();
      if (!wanted) { network.unselectAll(); return; }
      var match = nodes.get({ filter: function (n) { return String(n.label).toLowerCase() === wanted; } })[0] ||
                  nodes.get({ filter: function (n) { return String(n.label).toLowerCase().indexOf(wanted) !== -1; } })[0];
      if (!match) { setStatus(container, "Nobody called “" + input.value + "” on the map."); return; }
      if (match.hidden) { nodes.update({ id: match.id, hidden: false }); }
      network.selectNodes([match.id]);
      network.focus(match.id, { scale: 1.3, animation: false });
      container.setAttribute("data-focused", match.id);
      setStatus(container, "Showing " + match.label + ".");
    }

    Array.prototype.forEach.call(form.querySelectorAll('input[name="kind"], select[name="topic"]'), function (el) {
      el.addEventListener("change", applyFilters);
    });
    if (form.elements.person) {
      form.elements.person.addEventListener("change", focusPerson);
      form.elements.person.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); focusPerson(); }
      });
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".network-map[data-map]"), function (container) {
      var details = container.closest("details[data-collapse-small]");
      if (details && window.matchMedia && window.matchMedia(SMALL_SCREEN).matches) {
        details.open = false;
      }
      if (details && !details.open) {
        details.addEventListener("toggle", function () { if (details.open) { draw(container); } });
      } else {
        draw(container);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
