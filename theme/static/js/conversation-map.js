/* The conversation maps. Each map is already on the page as SVG drawn at build time (every
 * node a link), so this script only adds what needs a script:
 * - a details panel that shows the focused or hovered node's details (keyboard and touch too);
 * - an "Explore" mode: vis-network (loaded only when asked for) draws the same map from the
 *   widest SVG's own nodes and lines (no second copy of the map in the page), with physics off,
 *   Fit / + / - buttons, drag or the arrow keys to move, and zoom only with Ctrl/Cmd + wheel, the
 *   buttons or the + / - / 0 keys on the focused view, so the page never gets stuck on the map;
 * - the people map's filters and search.
 * Controls that need this script carry `hidden` in the HTML and are shown here.
 * Every string is treated as text: tooltips and details become text nodes, never HTML. */
(function () {
  "use strict";

  var COARSE = "(pointer: coarse)";

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

  /* -- the explore view's data, read from the map's own SVG --------------------------- */
  // The widest drawing (svg[data-explore]) holds everyone; its a.map-node links are the nodes
  // and its lines carry data-from/data-to (positions among those links). Nothing is parsed
  // as HTML: names and details are read with textContent and shown as text.
  var BASE_OPTIONS = {
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false, dragNodes: true, dragView: true,
                   zoomView: true, keyboard: { enabled: true, bindToWindow: false } },
    edges: { smooth: false, arrows: { to: { enabled: true, scaleFactor: 0.6 } }, width: 1.5 },
    nodes: { font: { size: 13, face: "system-ui, sans-serif" } }
  };
  var COUNT_KINDS = ["reply", "quote", "mention", "link"];
  var PLURALS = { reply: "replies", quote: "quotes", mention: "mentions", link: "links" };
  var WAYS = { reply: "answering", quote: "quoting", mention: "naming them", link: "linking to them" };
  /* People maps colour a person by their group, so a line is one ink and its pattern tells its
     kind, as in site.css (.map-figure--people). */
  var PEOPLE_DASHES = { reply: false, quote: [10, 3, 2, 3], mention: [7, 4], link: [2, 3] };

  /* A pattern drawn as it is on a thick line loses its gaps (a 6 px quote line read as solid): its
     gaps grow with the line, past 2 px wide, its dashes a little (long dashes made a short line one
     dash, solid again). */
  function dashesFor(table, kind, width) {
    var base = table[kind];
    if (!base) { return false; }
    var grow = Math.max(1, width / 2);
    return base.map(function (x, i) { return Math.round(x * (i % 2 ? grow : Math.min(grow, 1.5)) * 10) / 10; });
  }

  /* A people map's line widths: 1 to 6 px by weight, from the lightest to the heaviest line shown
     (vis-network's own rule, done here so that each line's pattern can grow with it; after a filter
     the range is the lines left, where vis-network counted the hidden ones too). */
  function lineWidths(weights) {
    var min = Math.min.apply(null, weights), max = Math.max.apply(null, weights);
    return weights.map(function (w) { return max === min ? 3.5 : 1 + 5 * (w - min) / (max - min); });
  }

  function numbers(text) {
    return (String(text || "").match(/-?\d+(\.\d+)?/g) || []).map(Number);
  }

  function attr(el, name) { return Number(el.getAttribute(name)) || 0; }

  function ownText(link, selector, between) {
    var el = link.querySelector(selector);
    if (!el) { return ""; }
    var spans = el.querySelectorAll("tspan");
    if (!spans.length) { return el.textContent; }
    return Array.prototype.map.call(spans, function (t) { return t.textContent; }).join(between || " ");
  }

  function readNode(link, people) {
    var shape = link.querySelector(".node");
    var x = 0, y = 0, r = 7, kind = "dot", boxW = 0, boxH = 0;
    var tag = shape ? shape.tagName.toLowerCase() : "";
    if (tag === "circle") {
      x = attr(shape, "cx"); y = attr(shape, "cy"); r = attr(shape, "r");
    } else if (tag === "rect") {
      var w = attr(shape, "width"), h = attr(shape, "height");
      x = attr(shape, "x") + w / 2; y = attr(shape, "y") + h / 2;
      kind = link.querySelector(".box-text") ? "box" : "square"; r = w / 2;
      boxW = w; boxH = h;  // a box is drawn the size the map has it, so that its lines meet its edge
    } else if (tag === "path") {  // a diamond: four corners around its centre
      var n = numbers(shape.getAttribute("d"));
      var xs = n.filter(function (_, i) { return i % 2 === 0; }), ys = n.filter(function (_, i) { return i % 2 === 1; });
      x = (Math.min.apply(null, xs) + Math.max.apply(null, xs)) / 2; y = (Math.min.apply(null, ys) + Math.max.apply(null, ys)) / 2;
      r = (Math.max.apply(null, xs) - x) / 1.25; kind = "diamond";
    }
    var classes = shape ? (shape.getAttribute("class") || "").split(/\s+/) : [];
    var cvar = classes.indexOf("node--me") !== -1 ? "node--me" :
      classes.filter(function (c) { return /^(who|community)-/.test(c); })[0] || "";
    var id = link.getAttribute("data-node") || "";
    // A box keeps the SVG's lines: vis-network's own wrapping (widthConstraint) sized the box for one line
    // and wrote the second over its border ("dürfen!“" under the post's box).
    var label = kind === "box" ? ownText(link, ".box-text", "\n") : (ownText(link, ".label") || nodeName(link));
    var node = { id: id, label: label, text: label, details: details(link), href: link.getAttribute("href") || "",
                 kind: people ? "person" : id.split(":")[0], cvar: cvar, shape: kind,
                 trunk: classes.indexOf("node--post") !== -1 };  // the post the thread hangs from
    node.x = x; node.y = y;
    if (kind !== "box") { node.size = r + 1; } else {
      // its border as the page draws it: another post's dashed, a source's dotted, the post's thicker
      var border = getComputedStyle(shape);
      node.boxW = boxW; node.boxH = boxH;
      node.borderDashes = numbers(border.strokeDasharray);
      node.borderWidth = parseFloat(border.strokeWidth) || 1;
      // its words as the map writes them: the post's title larger and bold
      var words = getComputedStyle(link.querySelector(".box-text"));
      node.fontSize = parseFloat(words.fontSize) || 13;
      node.fontWeight = Number(words.fontWeight) || 400;
    }
    // Where the SVG writes the name (beside the mark, wherever the build found room): Explore writes
    // it there too (drawNames), not under the dot where vis-network would, across other names and lines.
    var text = link.querySelector("text.label");
    if (kind !== "box" && text && text.hasAttribute("x") && !text.querySelector("tspan")) {
      node.labelAt = { dx: attr(text, "x") - x, dy: attr(text, "y") - y, anchor: text.getAttribute("text-anchor") || "start" };
    }
    return node;
  }

  /* Explore writes each name where the SVG has it (readNode's labelAt), with the SVG's halo over the
     lines: vis-network would write a dot's name under the dot, across the thread's lines and the next
     names (a clump on a busy people map). The marks stay vis-network's nodes; drawNames writes the names
     after each drawing, and a name points and clicks as its mark does (nameAt). A person the SVG leaves
     unnamed (a busy map names the most connected) shows their name on hover, as on the map, and is
     named beside their dot while the search has found them (nameFound). */
  var NAME_FONT = "13px system-ui, sans-serif";
  function namesBeside(nodes) {
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = NAME_FONT;
    nodes.forEach(function (node) {
      if (["dot", "square", "diamond"].indexOf(node.shape) === -1 || !node.label) { return; }
      node.name = node.label;
      node.nameWidth = measure.measureText(node.name).width;
      delete node.label;
    });
  }

  /* Where an SVG path ends, and the way it goes there (from its last control point or corner): where
     drawLines puts an arrow's tip. Our paths are absolute M, L, H, V, Q and C steps. */
  function pathEnd(d) {
    var x = 0, y = 0, px = 0, py = 0;
    (String(d).match(/[MLHVQC][^MLHVQC]*/g) || []).forEach(function (step) {
      var n = numbers(step.slice(1)), c = step.charAt(0);
      if (c === "M") { x = px = n[0]; y = py = n[1]; return; }
      px = c === "Q" || c === "C" ? n[n.length - 4] : x;
      py = c === "Q" || c === "C" ? n[n.length - 3] : y;
      if (c === "H") { x = n[n.length - 1]; } else if (c === "V") { y = n[n.length - 1]; }
      else { x = n[n.length - 2]; y = n[n.length - 1]; }
    });
    var dx = x - px, dy = y - py, len = Math.hypot(dx, dy);
    return len ? { x: x, y: y, ux: dx / len, uy: dy / len } : { x: x, y: y, ux: 1, uy: 0 };
  }

  /* An article map's lines, as the SVG draws them: the thread's trunk and elbows, and each line across
     it down a lane of its own left of the thread, with the stroke, width and dashes the page's CSS gives
     it and an arrow where it has one. vis-network's own straight lines read the replies to the post, one
     under another, as a chain of replies to each other, and ran lines to the boxes through the boxes
     above them. */
  function readLines(svg) {
    return Array.prototype.map.call(svg.querySelectorAll("g.edge path"), function (path) {
      var style = getComputedStyle(path), d = path.getAttribute("d");
      return { path: new Path2D(d), end: pathEnd(d), stroke: style.stroke, width: parseFloat(style.strokeWidth) || 1.5,
               dashes: numbers(style.strokeDasharray), arrow: !!style.markerEnd && style.markerEnd !== "none" };
    });
  }

  function drawLines(ctx, lines) {
    ctx.save();
    lines.forEach(function (line) {
      ctx.setLineDash(line.dashes);
      ctx.lineWidth = line.width;
      ctx.strokeStyle = line.stroke;
      ctx.stroke(line.path);
      if (!line.arrow) { return; }
      // the map's marker: 9 px long and wide, its tip a little past the line's end (refX 9 of 10)
      var e = line.end, s = 9, tx = e.x + e.ux * 0.9, ty = e.y + e.uy * 0.9;
      ctx.setLineDash([]);
      ctx.fillStyle = line.stroke;
      ctx.beginPath();
      ctx.moveTo(tx, ty);
      ctx.lineTo(tx - e.ux * s - e.uy * s / 2, ty - e.uy * s + e.ux * s / 2);
      ctx.lineTo(tx - e.ux * s + e.uy * s / 2, ty - e.uy * s - e.ux * s / 2);
      ctx.closePath();
      ctx.fill();
    });
    ctx.restore();
  }

  /* Where a node's name is drawn, in the view's coordinates (null for a node without one). */
  function nameBox(node, at) {
    if (!node || !node.labelAt || !node.name || !at) { return null; }
    var x = at.x + node.labelAt.dx, base = at.y + node.labelAt.dy, w = node.nameWidth;
    var left = node.labelAt.anchor === "end" ? x - w : node.labelAt.anchor === "middle" ? x - w / 2 : x;
    return { x: left - 3, y: base - 11, w: w + 6, h: 15, textX: left, textY: base };
  }

  /* Names are written from this size on the screen (px) up: smaller, they are a smudge (vis-network's own
     names stop there too). The status line says so while they are not (noteSize). */
  var NAMES_FROM_PX = 5;

  function drawNames(ctx, network, nodes, colours) {
    if (network.getScale() * 13 < NAMES_FROM_PX) { return; }
    var selected = network.getSelectedNodes();
    var named = nodes.get({ filter: function (n) { return !!n.labelAt && !n.hidden; } });
    named.sort(function (a, b) { return (selected.indexOf(a.id) !== -1) - (selected.indexOf(b.id) !== -1); });  // found: on top
    var at = network.getPositions(named.map(function (n) { return n.id; }));
    ctx.save();
    ctx.font = NAME_FONT;
    ctx.textBaseline = "alphabetic";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3.5;  // a halo of the card's colour, as the map's own names have: the lines stop at
    ctx.strokeStyle = colours.card;  // the letters, and a dot under a name (a crowded map) still shows
    ctx.fillStyle = colours.label;
    named.forEach(function (node) {
      var box = nameBox(node, at[node.id]);
      if (!box) { return; }
      ctx.strokeText(node.name, box.textX, box.textY);
      ctx.fillText(node.name, box.textX, box.textY);
    });
    ctx.restore();
  }

  /* The search found ``id``: name them beside their dot if the map does not, and unname whoever it
     found before. */
  function nameFound(nodes, id) {
    nodes.get({ filter: function (n) { return n.found && n.id !== id; } }).forEach(function (n) {
      nodes.update({ id: n.id, found: false, labelAt: null });
    });
    var found = nodes.get(id);
    if (found && found.name && !found.labelAt) {
      nodes.update({ id: id, found: true, labelAt: { dx: (found.size || 7) + 3, dy: 4.5, anchor: "start" } });
    }
  }

  /* The node whose drawn name is at ``point`` (view coordinates), or null. */
  function nameAt(network, nodes, point) {
    var named = nodes.get({ filter: function (n) { return !!n.labelAt && !n.hidden; } });
    var at = network.getPositions(named.map(function (n) { return n.id; }));
    for (var i = 0; i < named.length; i++) {
      var box = nameBox(named[i], at[named[i].id]);
      if (box && point.x >= box.x && point.x <= box.x + box.w && point.y >= box.y && point.y <= box.y + box.h) {
        return named[i].id;
      }
    }
    return null;
  }

  function describeCounts(counts, contributions) {
    var kinds = COUNT_KINDS.filter(function (k) { return counts[k]; });
    var total = kinds.reduce(function (sum, k) { return sum + counts[k]; }, 0);
    if (contributions && contributions < total) {  // a reply that answers and names someone counts once
      return (contributions === 1 ? "once" : contributions + " times") + " (" + kinds.map(function (k) {
        return WAYS[k] + " in " + counts[k];
      }).join(", ") + ")";
    }
    return kinds.map(function (k) {
      return counts[k] + " " + (counts[k] === 1 ? k : PLURALS[k]);
    }).join(", ");
  }

  /* A people map's explore view starts from the drawing the page shows when that one holds everyone (a
     phone's, on a small site): the widest, laid out for 1,100 px, opened on a phone at a corner with some of
     them, and what a filter left was fitted at a size too small to read. Its lines are the widest's. */
  function placedAsShown(container, widest, nodes) {
    var shownSvg = visibleSvg(container);
    if (!shownSvg || shownSvg === widest || shownSvg.querySelector('a.map-node[data-node="more:people"]')) { return; }
    var here = {};
    Array.prototype.forEach.call(shownSvg.querySelectorAll("a.map-node"), function (link) {
      here[link.getAttribute("data-node")] = readNode(link, true);
    });
    if (!nodes.every(function (node) { return here[node.id]; })) { return; }
    nodes.forEach(function (node) {
      var own = here[node.id];
      node.x = own.x; node.y = own.y; node.size = own.size; node.labelAt = own.labelAt;
    });
  }

  function readData(container) {
    var svg = container.querySelector("svg[data-explore]");
    if (!svg) { return null; }
    var people = svg.getAttribute("data-explore") === "people";
    var links = svg.querySelectorAll("a.map-node");
    var nodes = Array.prototype.map.call(links, function (link) { return readNode(link, people); });
    // A people map's "+N more" link points at the page's lists: no person, so not drawn in Explore
    // (the lines below still find their ends by position in the full list).
    var shown = nodes.filter(function (node) { return node.id !== "more:people"; });
    if (people) { placedAsShown(container, svg, shown); }
    // Names are written where the SVG has them (namesBeside), and every mark is where the SVG has it: an
    // article map's own lines are drawn under them (drawLines).
    namesBeside(nodes);
    var topics = (svg.getAttribute("data-topics") || "").split("\n").filter(Boolean);
    var postTopics = (svg.getAttribute("data-posts") || "").split(",").map(function (list) {
      return list.split(" ").filter(Boolean).map(function (i) { return topics[Number(i)]; }).filter(Boolean);
    });
    var edges = [];
    Array.prototype.forEach.call(svg.querySelectorAll("[data-from]"), function (line) {
      var from = nodes[Number(line.getAttribute("data-from"))], to = nodes[Number(line.getAttribute("data-to"))];
      if (!from || !to) { return; }
      // A line's kind is the class of its group (svg.py groups lines alike).
      var classes = (line.getAttribute("class") || "") + " " + (line.parentNode.getAttribute("class") || "");
      var kind = (classes.match(/edge--([a-z_]+)/) || [])[1] || "reply";
      if (kind === "bold") { kind = "reply"; }
      if (!people) {
        // (drawn as the SVG draws it, drawLines: kept here for what the view says it holds)
        edges.push({ from: from.id, to: to.id, kind: kind, hidden: true });
        return;
      }
      // data-n: the counts per kind, or one count when the line is all of the kind its class names
      // (none: once).
      var n = line.hasAttribute("data-n") ? numbers(line.getAttribute("data-n")) : [1], counts = {}, weight = 0;
      var only = kind === "replies" ? "reply" : kind;
      COUNT_KINDS.forEach(function (k, i) {
        counts[k] = n.length === 1 ? (k === only ? n[0] : 0) : (n[i] || 0);
        weight += counts[k];
      });
      // drawn as the kind its class names (its most frequent, drawing.people_drawing): the key names it and
      // its checkbox hides or shows it (applyFilters)
      var main = only;
      // data-p: the posts it was built in ("index" or "index:count"), whose topics the SVG lists;
      // its counts add up to the line's contributions (a reply that answers and names counts once).
      var perTopic = {}, contributions = 0;
      (line.getAttribute("data-p") || "").split(" ").forEach(function (pair) {
        if (!pair) { return; }
        var p = pair.split(":"), count = p.length > 1 ? Number(p[1]) : 1;
        contributions += count;
        (postTopics[Number(p[0])] || []).forEach(function (topic) { perTopic[topic] = (perTopic[topic] || 0) + count; });
      });
      edges.push({ from: from.id, to: to.id, kind: "builds_on", main_kind: main, counts: counts, topics: perTopic,
                   weight: weight, contributions: contributions || weight, smooth: { enabled: true, type: "curvedCW", roundness: 0.15 },
                   title: (from.label || from.name) + " builds on " + (to.label || to.name) + ": " +
                     describeCounts(counts, Number(line.getAttribute("data-c")) || 0) });
    });
    if (people && edges.length) {  // as thick as how often: a reply that answers and names someone is once
      var widths = lineWidths(edges.map(function (e) { return e.contributions; }));
      edges.forEach(function (e, i) { e.width = widths[i]; });
    }
    var options = JSON.parse(JSON.stringify(BASE_OPTIONS));
    if (!people) { options.interaction.dragNodes = false; }  // a mark dragged would leave its lines behind
    return { nodes: shown, edges: edges, options: options, people: people, lines: people ? null : readLines(svg) };
  }

  function setStatus(container, message) {
    var status = container.parentNode.querySelector(".map-status");
    if (status) { status.textContent = message; }
  }

  function touchFirst() {
    return window.matchMedia && window.matchMedia(COARSE).matches;
  }

  // Plain words for what a map holds: names on a people map, replies and posts on an article map.
  function mapHolds(container) {
    return container.querySelector('a.map-node[data-node^="reply:"]') ? "a reply or a post" : "a name";
  }

  function visibleSvg(container) {
    // In Explore the drawings are hidden: the one it draws (the widest, everyone in it) is what shows.
    if (container.getAttribute("data-exploring")) { return container.querySelector("svg[data-explore]"); }
    var svgs = container.querySelectorAll(".map-svg");
    for (var i = 0; i < svgs.length; i++) {
      if (svgs[i].getClientRects().length) { return svgs[i]; }
    }
    return svgs[0] || null;
  }

  /* -- details panel ------------------------------------------------------------------ */
  // A node's name: its aria-label, else (svg.py leaves that out where the link names the node)
  // the first line of its own <title>, else its label.
  function nodeName(link) {
    var label = link.getAttribute("aria-label");
    if (label) { return label; }
    var title = link.querySelector("title");
    if (title) { return title.textContent.split("\n")[0]; }
    return ownText(link, ".label");
  }

  // The start of what a reply on this page says (an article map's reply rows carry only who and
  // when: the words are in the thread on the same page). Cut as graph.py's _excerpt cuts: 160 characters
  // at most, at a word, with an ellipsis.
  function inPageExcerpt(link) {
    var href = link.getAttribute("href") || "";
    if (href.charAt(0) !== "#" || href.length < 2) { return ""; }
    var reply = document.getElementById(href.slice(1));
    var body = reply && !reply.classList.contains("reply--deleted") ? reply.querySelector(".reply-content") : null;
    if (!body) { return ""; }
    var text = body.textContent.replace(/\s+/g, " ").trim();
    if (text.length <= 160) { return text; }
    var cut = text.slice(0, 159);
    var space = cut.lastIndexOf(" ");
    return (space > 0 ? cut.slice(0, space) : cut) + "\u2026";
  }

  // A node's details: its own <title>, or the one of the widest drawing it points at
  // (aria-describedby), so that a map's drawings do not repeat them; for a reply on this page,
  // then what it says.
  function details(link) {
    var title = link.querySelector("title");
    var ref = link.getAttribute("aria-describedby");
    var shared = !title && ref ? document.getElementById(ref) : null;
    var text = title ? title.textContent : shared ? shared.textContent : "";
    var said = text && text.indexOf("\n") === -1 ? inPageExcerpt(link) : "";
    return said ? text + "\n" + said : text;
  }

  function wireDetails(container) {
    var panel = container.querySelector(".map-details");
    var text = panel && panel.querySelector(".map-details-text");
    if (!panel || !text) { return; }
    panel.hidden = false;
    // What to do to see details here, in the words of the device: a tap on a touch screen, the
    // pointer or the keyboard elsewhere (touch has no hover, a mouse no "tap").
    var what = mapHolds(container);
    // In the explore view, a picture, Tab reaches no one (its hint says where the keyboard goes instead).
    // (on a touch screen the hint above the map says how a tap opens it: this box only says what it is for)
    var tap = "The details of " + what + " you tap show here.";
    container.detailsIdle = touchFirst()
      ? { map: tap, explore: tap }
      : { map: "Point at " + what + " on the map, or move to it with Tab, to see the details here; click it or press Enter to open it.",
          explore: "Point at " + what + " on the map to see the details here; click it to open it." };
    text.textContent = container.detailsIdle.map;
    function show(event) {
      var link = event.target && event.target.closest ? event.target.closest("a.map-node") : null;
      if (!link || !container.contains(link)) { return; }
      var title = details(link);
      text.textContent = title || nodeName(link);
      container.setAttribute("data-shown", link.getAttribute("data-node") || "");
    }
    container.addEventListener("focusin", function (event) {
      show(event);
      // Moving with Tab over a map shorter than the window, the box may be under the window's foot: the page
      // moves just enough to show it (the map and the box fit in the window: the name stays in sight too).
      // Over a taller map the box keeps to the window's foot by itself (data-tall). Not for a click's focus
      // (:focus-visible is the keyboard's): the page moving under the pointer lost the click.
      var keyboard = event.target.matches && event.target.matches(":focus-visible");
      if (keyboard && !container.hasAttribute("data-tall") && panel.getBoundingClientRect().bottom > window.innerHeight) {
        panel.scrollIntoView({ block: "nearest" });
      }
    });
    container.addEventListener("mouseover", show);
    // Touch has no hover: the first tap on a name shows its details, a second tap on it opens it.
    container.addEventListener("click", function (event) {
      if (!touchFirst()) { return; }
      var link = event.target && event.target.closest ? event.target.closest("a.map-node") : null;
      if (!link || !container.contains(link)) { return; }
      var node = link.getAttribute("data-node") || "";
      if (container.getAttribute("data-tapped") === node) { return; }
      event.preventDefault();
      show(event);
      container.setAttribute("data-tapped", node);
    });
  }

  /* -- explore mode (vis-network) --------------------------------------------------- */
  function loadVis(src, done) {
    if (typeof vis !== "undefined") { done(true); return; }
    var existing = document.querySelector("script[data-vis-loader]");
    if (existing) {
      existing.addEventListener("load", function () { done(true); });
      existing.addEventListener("error", function () { done(false); });
      return;
    }
    var script = document.createElement("script");
    script.src = src;
    script.setAttribute("data-vis-loader", "1");
    script.onload = function () { done(true); };
    script.onerror = function () { done(false); };
    document.head.appendChild(script);
  }

  /* The mark pointed at (or found) wears a ring in the page's focus colour: vis-network's hover changes
     only a one-pixel border's colour, which could not be seen on a dot. */
  function focusRing() {  // (the network's option: vis-network drops a function given in a node's own)
    var colour = cssVar("--focus", "#c2410c");
    return { label: false, node: function (values, id, selected, hovering) {
      if (selected || hovering) { values.borderWidth = Math.max(values.borderWidth, 3); values.borderColor = colour; }
    } };
  }

  function styleNodes(nodes) {
    var label = cssVar("--fg", "#23211d");
    var card = cssVar("--card", "#ffffff");
    nodes.forEach(function (node) {
      var color = null;
      if (node.cvar === "node--me") { color = cssVar("--map-person", null); }
      else if (node.cvar) { color = cssVar("--" + node.cvar, null); }
      var focus = cssVar("--focus", "#c2410c");
      if (node.shape === "box") {
        var frame = cssVar(node.trunk ? "--map-post" : "--map-line", label);
        node.color = { background: card, border: frame, highlight: { background: card, border: focus },
                       hover: { background: card, border: focus } };
        var size = node.fontSize || 13, face = "system-ui, sans-serif";
        node.font = { color: label, size: size, face: face, align: "left" };
        if (node.fontWeight >= 600) {  // the post's title, bold as on the map: each line marked up
          node.font.multi = "html";
          node.font.bold = { color: label, size: size, face: face, mod: String(node.fontWeight) };
          node.label = node.text.split("\n").map(function (line) {
            return "<b>" + line.replace(/&/g, "&amp;").replace(/</g, "&lt;") + "</b>";
          }).join("\n");
        }
        node.shapeProperties = { borderDashes: node.borderDashes && node.borderDashes.length ? node.borderDashes : false };
        if (node.boxW) {  // the map's own box: its lines meet its left edge (drawLines); vis-network sizes the
          node.margin = 5;  // words inside the box's margins
          node.widthConstraint = { minimum: node.boxW - 10, maximum: node.boxW - 10 };
          node.heightConstraint = { minimum: node.boxH - 10, valign: "middle" };
        }
      } else if (node.cvar === "community-none") {  // in no group: hollow, as on the map (site.css)
        var ring = cssVar("--map-line", "#7a746a");
        node.color = { background: card, border: ring, highlight: { background: card, border: focus },
                       hover: { background: card, border: focus } };
        node.borderWidth = 2;
        node.font = { color: label, size: 13, strokeWidth: 3, strokeColor: card };
      } else {
        if (!color) { color = cssVar("--map-line", "#7a746a"); }  // community-other: the smaller groups' grey
        node.color = { background: color, border: card, highlight: { background: color, border: focus },
                       hover: { background: color, border: focus } };
        node.font = { color: label, size: 13, strokeWidth: 3, strokeColor: card };
      }
    });
    return nodes;
  }

  function styleEdges(edges) {
    edges.forEach(function (edge) {
      // (an article map's lines are the SVG's own, drawLines: these stay undrawn)
      var color = edge.main_kind ? cssVar("--people-line", null) : null;
      if (color) { edge.color = { color: color, highlight: color, hover: color }; }
      if (edge.main_kind) { edge.dashes = dashesFor(PEOPLE_DASHES, edge.main_kind, edge.width || 1.5); }
      if (typeof edge.title === "string" && edge.title) { edge.title = textTooltip(edge.title); }
      edge.id = edge.from + "\u2192" + edge.to + "\u2192" + edge.kind;
    });
    return edges;
  }

  /* When no one shown (a filter hides the rest) is in view, fit the view to those shown. */
  function showSomeone(network, nodes, canvas) {
    var ids = nodes.getIds({ filter: function (n) { return !n.hidden; } });
    if (!ids.length) { return; }
    var positions = network.getPositions(ids);
    var inView = ids.some(function (id) {
      var at = network.canvasToDOM(positions[id]);
      return at.x >= 0 && at.y >= 0 && at.x <= canvas.clientWidth && at.y <= canvas.clientHeight;
    });
    if (!inView) { network.fit({ nodes: ids, animation: false }); }
  }

  /* A filter leaves people who may have been far apart on the map (a topic's posts had readers of
     their own): each group the lines left join is moved, as the map drew it, into rows as wide as the
     view, so that the view fits them at a size where the names are read, not as dots on an empty frame.
     With ``shown`` null (no filter) everyone is put back where the map has them (``home``). */
  function gatherShown(container, shown, lines) {
    var nodes = container.visNodes, home = container.visHome;
    if (!shown) {
      nodes.update(Object.keys(home).map(function (id) { return { id: id, x: home[id].x, y: home[id].y }; }));
      return;
    }
    var ids = Object.keys(home).filter(function (id) { return shown[id]; });
    var leader = {};
    function find(id) { while (leader[id] !== id) { id = leader[id] = leader[leader[id]]; } return id; }
    ids.forEach(function (id) { leader[id] = id; });
    lines.forEach(function (line) {
      if (leader[line.from] === undefined || leader[line.to] === undefined) { return; }
      var a = find(line.from), b = find(line.to);
      if (a !== b) { leader[b] = a; }
    });
    var groups = {}, order = [];  // in the map's order of people, so the same filter gives the same view
    ids.forEach(function (id) {
      var g = find(id), node = nodes.get(id), at = home[id], r = (node.size || 7) + 2;
      var box = groups[g] || (groups[g] = { ids: [], left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity });
      if (!box.ids.length) { order.push(box); }
      box.ids.push(id);
      var name = nameBox(node, at) || { x: at.x, y: at.y, w: 0, h: 0 };
      box.left = Math.min(box.left, at.x - r, name.x); box.right = Math.max(box.right, at.x + r, name.x + name.w);
      box.top = Math.min(box.top, at.y - r, name.y); box.bottom = Math.max(box.bottom, at.y + r, name.y + name.h);
    });
    var gap = 24, width = Math.max(container.exploreCanvas.clientWidth - 2 * gap, 1);
    order.forEach(function (box) { width = Math.max(width, box.right - box.left); });
    var x = 0, y = 0, rowHeight = 0, moves = [];
    order.forEach(function (box) {
      var w = box.right - box.left, h = box.bottom - box.top;
      if (x > 0 && x + w > width) { x = 0; y += rowHeight + gap; rowHeight = 0; }
      var dx = x - box.left, dy = y - box.top;
      box.ids.forEach(function (id) { moves.push({ id: id, x: home[id].x + dx, y: home[id].y + dy }); });
      x += w + gap; rowHeight = Math.max(rowHeight, h);
    });
    nodes.update(moves);
  }

  /* What the Fit, + and − buttons (and their keys) do to the explore view. */
  /* Fit the view to everything shown, the names written beside their marks included (vis-network's
     own fit leaves them out, so a small map opened with its names cut at the right). */
  /* What the view holds: every mark shown and the name written beside it (view coordinates). */
  function extent(network) {
    var nodes = network.exploreNodes;
    var ids = nodes.getIds({ filter: function (n) { return !n.hidden; } });
    if (!ids.length) { return null; }
    var at = network.getPositions(ids);
    var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    function grow(left, top, right, bottom) {
      box.left = Math.min(box.left, left); box.top = Math.min(box.top, top);
      box.right = Math.max(box.right, right); box.bottom = Math.max(box.bottom, bottom);
    }
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id), name = nameBox(nodes.get(id), at[id]);
      grow(b.left, b.top, b.right, b.bottom);
      if (name) { grow(name.x, name.y, name.x + name.w, name.y + name.h); }
    });
    return box;
  }

  function fitAll(network) {
    var canvas = network.exploreCanvas, box = extent(network);
    if (!box) { return; }
    var pad = 12;
    var scale = Math.min(1, (canvas.clientWidth - 2 * pad) / Math.max(1, box.right - box.left),
                         (canvas.clientHeight - 2 * pad) / Math.max(1, box.bottom - box.top));
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, scale: scale,
                     animation: false });
  }

  /* + and − zoom around the mark in view nearest the view's middle, which stays where it is on the screen:
     around the view's middle, a sparse map (or one opened at its corner) left nobody in view after a few
     presses. With no mark in view, around the view's middle. */
  function zoom(container, network, how) {
    if (how === "fit") { fitAll(network); leftCorner(container); return; }  // (the whole map: no longer its corner)
    var factor = how === "in" ? 1.25 : 0.8, scale = network.getScale(), view = network.getViewPosition();
    var canvas = network.exploreCanvas, anchor = view, nearest = Infinity;
    var halfWidth = canvas.clientWidth / 2 / scale, halfHeight = canvas.clientHeight / 2 / scale;
    var ids = network.exploreNodes.getIds({ filter: function (n) { return !n.hidden; } }), at = network.getPositions(ids);
    ids.forEach(function (id) {
      var dx = at[id].x - view.x, dy = at[id].y - view.y, far = dx * dx + dy * dy;
      if (Math.abs(dx) <= halfWidth && Math.abs(dy) <= halfHeight && far < nearest) { nearest = far; anchor = at[id]; }
    });
    network.moveTo({ position: { x: anchor.x + (view.x - anchor.x) / factor, y: anchor.y + (view.y - anchor.y) / factor },
                     scale: scale * factor, animation: false });
    leftCorner(container);  // (the view moved: no longer the corner it opened at)
  }

  /* What an article map draws, in the words of its key: "6 replies, the post, 1 reply under another post,
     1 other post and 3 outside sources" (a folded "+N more" is not counted: its replies are in the thread). */
  function drawnThings(nodes) {
    var counts = [["the post", "the post"], ["reply", "replies"], ["reply under another post", "replies under other posts"],
                  ["other post", "other posts"], ["outside source", "outside sources"]].map(function (w) { return { words: w, n: 0 }; });
    nodes.forEach(function (node) {
      var i = node.trunk ? 0 : node.kind === "reply" ? (node.shape === "box" ? 2 : 1) : node.kind === "post" ? 3 :
        node.kind === "source" ? 4 : -1;
      if (i !== -1) { counts[i].n += 1; }
    });
    var said = counts.filter(function (c) { return c.n; }).map(function (c, i) {
      return c.words[0] === "the post" ? c.words[0] : c.n + " " + c.words[c.n === 1 ? 0 : 1];
    });
    // the post second, after its replies, as the caption says it
    if (said[0] === "the post" && said.length > 1) { said.splice(0, 2, said[1], said[0]); }
    return said.length > 1 ? said.slice(0, -1).join(", ") + " and " + said[said.length - 1] : said.join("");
  }

  function drawExplore(container) {
    var data = readData(container);
    if (!data || typeof vis === "undefined") {
      setStatus(container, "The explore view could not be loaded; the map above holds the same information.");
      return null;
    }
    var canvas = document.createElement("div");
    canvas.className = "map-explore-canvas";
    canvas.setAttribute("role", "application");
    canvas.setAttribute("tabindex", "0");
    canvas.setAttribute("aria-label", "Explore view: drag or the arrow keys to move; Ctrl and wheel, the buttons " +
      "or the + and − keys to zoom; 0 fits the whole map; Escape goes back to the map, which has a link per name.");
    container.querySelector(".map-canvas").insertAdjacentElement("afterend", canvas);
    var nodes = new vis.DataSet(styleNodes(data.nodes));
    var edges = new vis.DataSet(styleEdges(data.edges));
    var options = data.options;
    options.interaction = options.interaction || {};
    options.interaction.zoomView = false;  // zoom with Ctrl/Cmd + wheel (below) or the buttons
    options.interaction.dragView = !touchFirst();  // on touch one finger scrolls the page
    options.interaction.keyboard = false;
    options.nodes.chosen = focusRing();
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, options);
    // vis-network makes its own frame focusable too: one Tab stop, the named one, is enough.
    Array.prototype.forEach.call(canvas.querySelectorAll("[tabindex]"), function (el) { el.tabIndex = -1; });
    var colours = container.exploreColours = { card: cssVar("--card", "#ffffff"), label: cssVar("--fg", "#23211d") };
    if (data.lines) { network.on("beforeDrawing", function (ctx) { drawLines(ctx, data.lines); }); }
    network.on("afterDrawing", function (ctx) { drawNames(ctx, network, nodes, colours); noteSize(container, network); });
    var details = container.querySelector(".map-details-text");
    function show(id) {
      var node = nodes.get(id);
      if (!details || !node) { return; }
      // (a node's details are said here only: vis-network's tooltip covered the map with the same words)
      details.textContent = node.details || String(node.text || node.name);
      container.setAttribute("data-shown", id);
    }
    container.exploreShow = show;
    network.on("click", function (params) {
      var id = params.nodes.length ? params.nodes[0] : nameAt(network, nodes, params.pointer.canvas);
      var node = id === null ? null : nodes.get(id);
      if (!node) { return; }
      // On a touch screen the first tap shows who and when (as on the map), the second opens it.
      var touch = params.event && params.event.pointerType === "touch";
      if (touch && container.getAttribute("data-shown") !== id) { show(id); return; }
      // The node's own link in the SVG, resolved as the browser resolves it there.
      if (node.href) { window.location.assign(new URL(node.href, document.baseURI).href); }
    });
    network.on("hoverNode", function (params) { show(params.node); });
    network.on("dragEnd", function () { leftCorner(container); });  // moved: no longer the corner it opened at
    canvas.addEventListener("mousemove", function (event) {  // a name written beside its mark
      var rect = canvas.getBoundingClientRect(), dom = { x: event.clientX - rect.left, y: event.clientY - rect.top };
      if (network.getNodeAt(dom) !== undefined) { return; }  // a mark under the pointer is what it points at
      var id = nameAt(network, nodes, network.DOMtoCanvas(dom));
      canvas.style.cursor = id === null ? "" : "pointer";
      if (id !== null && container.getAttribute("data-shown") !== id) { show(id); }
    });
    canvas.addEventListener("keydown", function (event) {  // the same moves from the keyboard
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      var step = 80 / network.getScale(), view = network.getViewPosition();
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      var zooms = { "+": "in", "=": "in", "-": "out", "_": "out", "0": "fit" };  // the buttons' keys
      if (moves[event.key]) {
        network.moveTo({ position: { x: view.x + moves[event.key][0], y: view.y + moves[event.key][1] }, animation: false });
        leftCorner(container);
      } else if (zooms[event.key]) {
        zoom(container, network, zooms[event.key]);
      } else {
        return;
      }
      event.preventDefault();
    });
    canvas.addEventListener("wheel", function (event) {
      if (!(event.ctrlKey || event.metaKey)) { return; }  // a plain wheel scrolls the page
      event.preventDefault();
      var factor = event.deltaY < 0 ? 1.15 : 1 / 1.15;
      network.moveTo({ scale: network.getScale() * factor, animation: false });
      leftCorner(container);  // (zoomed: no longer the corner it opened at)
    }, { passive: false });
    var pinch = null;
    canvas.addEventListener("touchmove", function (event) {
      if (event.touches.length !== 2) { pinch = null; return; }
      event.preventDefault();
      var a = event.touches[0], b = event.touches[1];
      var gap = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
      var mid = { x: (a.clientX + b.clientX) / 2, y: (a.clientY + b.clientY) / 2 };
      if (pinch) {
        var view = network.getViewPosition();
        var scale = network.getScale();
        var next = Math.max(0.05, scale * gap / pinch.gap);
        network.moveTo({ position: { x: view.x - (mid.x - pinch.mid.x) / scale, y: view.y - (mid.y - pinch.mid.y) / scale },
                         scale: next, animation: false });
        leftCorner(container);
      }
      pinch = { gap: gap, mid: mid };
    }, { passive: false });
    canvas.addEventListener("touchend", function () { pinch = null; });
    network.exploreNodes = nodes;
    network.exploreCanvas = canvas;
    container.visHome = {};  // where the map has each node, for gatherShown to put them back
    data.nodes.forEach(function (node) { container.visHome[node.id] = { x: node.x, y: node.y }; });
    network.once("afterDrawing", function () {
      fitAll(network);
      // A map that fits with its names still readable (13 px names at 9.75 px or more) opens whole;
      // a bigger one fits only at a scale too small to read: start readable, at its top, instead.
      var readable = 0.95;  // 13 px names at about 12 px on screen
      var corner = network.getScale() < 0.75;
      if (corner) {  // its top left corner, where the first names are
        // (the names included: one written to the left of its dot reaches past it)
        var all = extent(network);
        network.moveTo({ position: { x: all.left + (canvas.clientWidth / 2 - 16) / readable,
                                     y: all.top + (canvas.clientHeight / 2 - 16) / readable },
                         scale: readable, animation: false });
      }
      showSomeone(network, nodes, canvas);
      if (corner) { noteIdle(container, AT_CORNER, true); }  // said where the eye is, under the view (the status line is below the key)
      container.setAttribute("data-explore-ready", String(nodes.length));
      // In a reader's words: what the map draws (replies, posts, pingbacks, pages...) is not all "replies and posts";
      // said again each time the view opens (setExploring), the corner's note until the view leaves it (leftCorner)
      container.exploreStatus = {
        said: "Explore: " + (data.people ? nodes.length + " people and " : drawnThings(data.nodes) + ", with ") +
          edges.length + (edges.length === 1 ? " line" : " lines") + " between them.",
        corner: corner ? " It opens at its top left corner, at a size to read the names: Fit shows the whole map." : "",
        small: ""  // (noteSize)
      };
      sayExploring(container);
    });
    container.visNetwork = network;
    container.visNodes = nodes;
    container.visEdges = edges;
    container.visData = data;
    container.exploreLines = data.lines;
    container.exploreCanvas = canvas;
    return network;
  }

  /* The page switched between light and dark while the explore view is open: its marks, names and
     lines take the page's colours again (they were read from the page when it opened). */
  function restyle(container) {
    var network = container.visNetwork;
    if (!network) { return; }
    // the ring's colour first: a node takes the network's options when it is updated, not after
    network.setOptions({ nodes: { chosen: focusRing() } });
    container.visNodes.update(styleNodes(container.visNodes.get()));
    container.visEdges.update(styleEdges(container.visEdges.get()));
    container.exploreColours.card = cssVar("--card", "#ffffff");
    container.exploreColours.label = cssVar("--fg", "#23211d");
    if (container.exploreLines) {  // drawLines reads this list: the same list, each line's ink read again
      var svg = container.querySelector("svg[data-explore]");
      Array.prototype.splice.apply(container.exploreLines, [0, container.exploreLines.length].concat(readLines(svg)));
    }
    network.redraw();
  }

  /* A people map's key names the kinds of line drawn: while exploring, those the filters leave
     (container.keyKinds, set by applyFilters), or before any filter the kinds the explore view's lines
     are drawn as; on the map itself, its own (the page's key). */
  function showKey(container) {
    var figure = container.closest("figure");
    if (!figure) { return; }
    var kinds = container.getAttribute("data-exploring") === "1" ? (container.keyKinds || drawnKinds(container)) : null;
    Array.prototype.forEach.call(figure.querySelectorAll(".map-legend li[data-kind]"), function (li) {
      li.style.display = !kinds || kinds[li.getAttribute("data-kind")] ? "" : "none";
    });
  }

  function drawnKinds(container) {
    var kinds = null;
    (container.visEdges ? container.visEdges.get() : []).forEach(function (edge) {
      if (edge.main_kind && !edge.hidden) { kinds = kinds || {}; kinds[edge.main_kind] = true; }
    });
    return kinds;  // null (the whole key) for a map whose lines have no kind
  }

  function setExploring(container, on) {
    if (!on && container.getAttribute("data-exploring")) {
      // Back to the map, which draws everyone: what the explore view said, and any filter, are undone
      setStatus(container, "");
      container.dispatchEvent(new CustomEvent("map-explore-closed"));
    }
    var button = container.querySelector(".map-explore");
    var zoom = container.querySelector(".map-zoom");
    var picture = container.querySelector(".map-canvas");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? "Back to the map" : "Explore";
    zoom.hidden = !on;
    picture.hidden = on;
    if (container.exploreCanvas) { container.exploreCanvas.hidden = !on; }
    container.setAttribute("data-exploring", on ? "1" : "");
    showKey(container);
    var hint = container.querySelector(".map-hint");
    if (hint && container.mapHints) { hint.textContent = container.mapHints[on ? "explore" : "map"]; }
    var details = container.querySelector(".map-details-text"), idle = container.detailsIdle;
    if (details && idle && (details.textContent === idle.map || details.textContent === idle.explore)) {
      details.textContent = idle[on ? "explore" : "map"];
    }
    if (on) { sayExploring(container); }
    keepDetailsInSight(container);
  }

  /* What the explore view holds, under it (drawExplore works it out once). */
  function sayExploring(container) {
    var status = container.exploreStatus;
    if (status && container.getAttribute("data-exploring")) { setStatus(container, statusText(status)); }
  }

  function statusText(status) { return status.said + status.corner + status.small; }

  /* A view zoomed out past where names are written (Fit on a phone, say) says so, and how to read them,
     under the view (where the eye is) and on the status line; once they are written again it no longer does. */
  var TOO_SMALL = "The names are not written at this size: zoom in (+, or spread two fingers) to read them.";
  function noteSize(container, network) {
    var status = container.exploreStatus;
    if (!status) { return; }  // (the view's first drawing: it is fitted and said after it)
    var small = network.getScale() * 13 < NAMES_FROM_PX ? " " + TOO_SMALL : "";
    if (small === status.small) { return; }
    var line = container.parentNode.querySelector(".map-status");
    var showing = line && line.textContent === statusText(status);  // (not a filter's count)
    status.small = small;
    if (showing) { sayExploring(container); }
    noteIdle(container, TOO_SMALL, !!small);
  }

  /* What the details box says while it shows no one's details in the explore view: the notes that hold now
     (the view too small for the names, the view at the map's corner), then what the box is for. Each note is
     said or dropped by itself, whatever the order the view's moves come in. */
  var AT_CORNER = "This is the map's top left corner, at a size to read the names: move it, or press Fit to see all of it.";
  function noteIdle(container, note, on) {
    var idle = container.detailsIdle, details = container.querySelector(".map-details-text");
    if (!idle) { return; }
    if (idle.plainExplore === undefined) { idle.plainExplore = idle.explore; idle.notes = {}; }
    idle.notes[note] = on;
    var was = idle.explore;
    idle.explore = [TOO_SMALL, AT_CORNER].filter(function (n) { return idle.notes[n]; })
      .concat([idle.plainExplore]).join(" ");
    if (details && details.textContent === was) { details.textContent = idle.explore; }  // (no one's details)
  }

  /* The details box says what it is for: nobody's details are shown (a search found no one on the map). */
  function showIdle(container) {
    var details = container.querySelector(".map-details-text"), idle = container.detailsIdle;
    if (!details || !idle) { return; }
    details.textContent = idle[container.getAttribute("data-exploring") ? "explore" : "map"];
    container.removeAttribute("data-shown");
  }

  /* The explore view has moved from the top left corner it opened at: the box no longer says it is there. */
  function leftCorner(container) {
    var status = container.exploreStatus, line = container.parentNode.querySelector(".map-status");
    if (status && status.corner) {  // the status line drops its note too, if it still says it (not a filter's count)
      var showing = line && line.textContent === statusText(status);
      status.corner = "";
      if (showing) { sayExploring(container); }
    }
    noteIdle(container, AT_CORNER, false);
  }

  /* The details box stays at the window's foot (sticky) only while a drawing taller than the window, with
     the box under it, is in view: over a smaller map it covered the last names while the map scrolled in. */
  function keepDetailsInSight(container) {
    var panel = container.querySelector(".map-details");
    if (!panel || panel.hidden) { return; }
    var shown = container.getAttribute("data-exploring") ? container.exploreCanvas : visibleSvg(container);
    var tall = shown && shown.getBoundingClientRect().height + panel.offsetHeight > window.innerHeight;
    if (tall) { container.setAttribute("data-tall", ""); } else { container.removeAttribute("data-tall"); }
  }

  /* The explore view just opened: where it runs past the window (the page was scrolled to the map's top, or
     its foot is under the details box), the page moves so that the buttons and the view are in sight. */
  function inView(container) {
    var canvas = container.exploreCanvas, toolbar = container.querySelector(".map-toolbar");
    if (!canvas || !toolbar) { return; }
    var box = canvas.getBoundingClientRect(), panel = container.querySelector(".map-details");
    var foot = box.bottom + (panel && !panel.hidden ? panel.offsetHeight : 0);
    if (box.top < 0 || foot > window.innerHeight) { toolbar.scrollIntoView({ block: "start" }); }
  }

  function explore(container, then) {
    if (container.visNetwork) {
      setExploring(container, true);
      if (then) { then(container.visNetwork); }
      return;
    }
    setStatus(container, "Loading the explore view…");
    loadVis(container.getAttribute("data-vis"), function (ok) {
      if (!ok) { setStatus(container, "The explore view could not be loaded; the map above holds the same information."); return; }
      var network = drawExplore(container);
      if (!network) { return; }
      setExploring(container, true);
      if (then) { then(network); }
    });
  }

  function wireToolbar(container) {
    var toolbar = container.querySelector(".map-toolbar");
    if (!toolbar) { return; }
    toolbar.hidden = false;
    var hint = toolbar.querySelector(".map-hint");
    if (hint) {
      var what = mapHolds(container);
      var named = what === "a name" ? "a name" : "a reply’s name";
      container.mapHints = touchFirst() ? {
        map: "Tap " + what + " once to see who and when, again to open it. Explore: two fingers move and zoom; one finger scrolls the page.",
        explore: "Tap " + named + " once to see who and when, again to open it. Two fingers move and zoom; one finger scrolls the page."
      } : {
        map: "Click " + what + " or press Enter on it to open it. Explore: drag or the arrow keys move; Ctrl (⌘) + wheel, + and − or the buttons zoom.",
        // The explore view is a picture: from the keyboard, the map behind "Back to the map" has a link for each.
        explore: "Click " + named + " to open it; drag or the arrow keys move; Ctrl (⌘) + wheel, + and − or the buttons zoom; the 0 key fits it all; Escape goes back to the map, where the keyboard reaches each " + (what === "a name" ? "name" : "reply") + " by its link."
      };
      hint.textContent = container.mapHints.map;
    }
    var exploreButton = toolbar.querySelector(".map-explore");
    exploreButton.addEventListener("click", function () {
      if (container.getAttribute("data-exploring")) { setExploring(container, false); }
      else { explore(container, function () { inView(container); }); }
    });
    container.addEventListener("keydown", function (event) {  // Escape closes what Explore opened
      if (event.key !== "Escape" || !container.getAttribute("data-exploring")) { return; }
      setExploring(container, false);
      exploreButton.focus();
      event.preventDefault();
    });
    Array.prototype.forEach.call(toolbar.querySelectorAll("[data-zoom]"), function (button) {
      button.addEventListener("click", function () {
        var network = container.visNetwork;
        if (!network) { return; }
        zoom(container, network, button.getAttribute("data-zoom"));
      });
    });
  }

  /* -- people map filters and search ------------------------------------------------ */
  function wireControls(form, container) {
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); focusPerson(false); });
    var searched = { query: "", index: 0 };  // the last search, so searching again shows the next match

    function applyFilters(network) {
      var nodes = container.visNodes, edges = container.visEdges, data = container.visData;
      var original = data.edges;
      var kinds = Array.prototype.map.call(form.querySelectorAll('input[name="kind"]:checked'), function (i) { return i.value; });
      var topic = form.elements.topic ? form.elements.topic.value : "";
      var offered = form.querySelectorAll('input[name="kind"]').length;
      var filtering = kinds.length < offered || topic !== "";
      var visibleNodes = {}, keyKinds = {};
      var updates = original.map(function (edge) {
        // A line's share in a topic: its count there over its count in all posts.
        var share = topic === "" ? 1 : (edge.topics[topic] || 0) / Math.max(edge.contributions, 1);
        // What is left of a line once some kinds are unticked is drawn as the most frequent kind left
        // (first of equals in the key's order, as drawing.people_drawing does), and the key names it.
        var weight = 0, main = null;
        kinds.forEach(function (kind) {
          var n = edge.counts[kind] || 0;
          weight += n * share;
          if (n > 0 && (main === null || n > edge.counts[main])) { main = kind; }
        });
        var hidden = weight <= 0 || main === null;
        if (!hidden) { visibleNodes[edge.from] = true; visibleNodes[edge.to] = true; keyKinds[main] = true; }
        main = main || edge.main_kind;
        // how often, as the line's width says it: its contributions, at most those of the kinds left
        var times = Math.min(weight, edge.contributions * share);
        return { id: edge.id, hidden: hidden, weight: Math.max(Math.round(times), 1), main_kind: main };
      });
      var shown = updates.filter(function (u) { return !u.hidden; });
      var widths = shown.length ? lineWidths(shown.map(function (u) { return u.weight; })) : [];
      shown.forEach(function (u, i) { u.width = widths[i]; });
      updates.forEach(function (u) {
        u.width = u.width || 1;
        u.dashes = dashesFor(PEOPLE_DASHES, u.main_kind, u.width);
        delete u.weight;  // the line's own weight (its unfiltered count) stays in the data
      });
      edges.update(updates);
      container.keyKinds = keyKinds;
      showKey(container);
      nodes.update(nodes.getIds().map(function (id) { return { id: id, hidden: filtering && !visibleNodes[id] }; }));
      if (container.exploreCanvas) {
        gatherShown(container, filtering ? visibleNodes : null, original.filter(function (edge, i) { return !updates[i].hidden; }));
      }
      var shownEdges = updates.filter(function (u) { return !u.hidden; }).length;
      setStatus(container, filtering ? shownEdges + " of " + updates.length + " connections match the filter, drawn in the Explore view; “Back to the map” shows them all." : updates.length + " connections.");
      if (container.exploreCanvas) {
        // what a filter leaves is brought into view, whole (two people left in a corner were hard to find)
        if (filtering) { fitAll(network); leftCorner(container); } else { showSomeone(network, nodes, container.exploreCanvas); }
      }
      return network;
    }

    // Leaving the explore view (its button, or Escape) shows the whole map again: the filters with it.
    container.addEventListener("map-explore-closed", function () {
      Array.prototype.forEach.call(form.querySelectorAll('input[name="kind"]'), function (box) { box.checked = true; });
      if (form.elements.topic) { form.elements.topic.value = ""; }
      if (container.visNetwork) { applyFilters(container.visNetwork); }
      setStatus(container, "");
    });
    form.addEventListener("keydown", function (event) {  // Escape from a filter closes the view too
      if (event.key !== "Escape" || !container.getAttribute("data-exploring")) { return; }
      setExploring(container, false);
      container.querySelector(".map-explore").focus();
      event.preventDefault();
    });

    // What a search found, said beside the search box too (the map's own status, the one read aloud, is
    // under the map: on a phone a screen or more away): words, and a link to the person's page when the
    // map does not show them, focused there rather than in a list far down the page.
    var found = form.querySelector(".find-status");
    function tellFound(words, person) {  // person: {name, href}, said before the words, as a link beside the box
      setStatus(container, person ? person.name + words : words);
      if (!found) { return null; }
      found.hidden = false;
      found.textContent = person ? "" : words;
      if (!person) { return null; }
      var a = document.createElement("a");
      a.href = person.href;
      a.textContent = person.name;
      found.appendChild(a);
      found.appendChild(document.createTextNode(words));
      return a;
    }

    /* No one is shown as found: the last search's ring and name go (after "Priya", "Zed" found nobody,
       and Priya's ring said otherwise). */
    function forgetFound(container) {
      container.removeAttribute("data-focused");
      var network = container.getAttribute("data-exploring") && container.visNetwork;
      if (!network) { return; }
      network.unselectAll();
      container.visNodes.get({ filter: function (n) { return n.found; } }).forEach(function (n) {
        container.visNodes.update({ id: n.id, found: false, labelAt: null });
      });
    }

    function focusPerson(again) {
      var input = form.elements.person;
      var wanted = (input.value || "").trim().toLowerCase();
      if (!wanted) { return; }
      // Everyone on the map (the widest drawing, which Explore draws), not only the people a phone's
      // drawing has room for: "john" found one of five Johns there, and "Bob" was said to be off the map.
      var shown = visibleSvg(container);
      var everyone = container.querySelector("svg[data-explore]") || shown;
      var links = Array.prototype.slice.call(everyone.querySelectorAll("a.map-node"));
      function name(a) { return nodeName(a).toLowerCase(); }
      var drawnById = {};  // the people this drawing shows, by node id
      Array.prototype.forEach.call(shown.querySelectorAll("a.map-node"), function (a) {
        drawnById[a.getAttribute("data-node")] = a;
      });
      function drawnHere(a) { return drawnById[a.getAttribute("data-node")] || null; }
      var exact = links.filter(function (a) { return name(a) === wanted; });
      var matches = exact.length ? exact : links.filter(function (a) { return name(a).indexOf(wanted) !== -1; });
      // Those this drawing shows first, then in name order, so the steps are the same each time.
      matches.sort(function (a, b) {
        return (drawnHere(a) ? 0 : 1) - (drawnHere(b) ? 0 : 1) || name(a).localeCompare(name(b)) ||
          (a.getAttribute("data-node") < b.getAttribute("data-node") ? -1 : 1);
      });
      // The same search again shows the next of several matches ("ann": Anna, Joanne...).
      var index = again && wanted === searched.query && matches.length ? (searched.index + 1) % matches.length : 0;
      searched = { query: wanted, index: index };
      var match = matches[index];
      if (!match) {
        // Not among the people drawn: the list of groups names everyone on the map (a capped one too),
        // and the list of posts' authors whom readers only answered as such, counted apart.
        function named(selector) {
          var listed = Array.prototype.slice.call(document.querySelectorAll(selector));
          return listed.filter(function (a) { return a.textContent.toLowerCase() === wanted; })[0] ||
                 listed.filter(function (a) { return a.textContent.toLowerCase().indexOf(wanted) !== -1; })[0];
        }
        var other = named(".communities a"), host = other ? null : named(".host-counts a");
        var why = other ? " is not on the map; this link opens their page (their name is in the list of groups below too)."
          : " is not on the map: they wrote posts here, and only answered the readers of their posts or were " +
            "answered by them, which the map counts apart; this link opens their page.";
        var person = other || host;
        if (person) {
          var link = tellFound(why, { href: person.href, name: person.textContent });
          (link || person).focus();
        } else {
          tellFound("Nobody called “" + input.value + "” on this site.");
        }
        forgetFound(container);  // the person found before is not the one asked for now
        showIdle(container);  // no one on the map found: nobody's details
        return;
      }
      var id = match.getAttribute("data-node");
      var drawn = drawnHere(match);
      var several = matches.length > 1
        ? ", " + (index + 1) + " of " + matches.length + " people whose name has “" + input.value.trim() +
          "” (search again for the next)"
        : "";
      var exploring = container.getAttribute("data-exploring") && container.visNetwork;
      if (!drawn && !exploring) {
        // on the map, but not in this narrower drawing: a link to their page, beside the search box
        var after = several + ": on the map, but not drawn at this width (Explore draws everyone); this link opens " +
          "their page.";
        var page = tellFound(after, { href: match.getAttribute("href"), name: nodeName(match) });
        if (page) { page.focus(); }
        showIdle(container);
        return;
      }
      match = drawn || match;
      container.setAttribute("data-focused", id);
      tellFound("Showing " + nodeName(match) + several + ".");
      if (exploring) {
        var network = container.visNetwork;
        if (container.visNodes.get(id).hidden) { container.visNodes.update({ id: id, hidden: false }); }
        nameFound(container.visNodes, id);
        network.selectNodes([id]);
        network.focus(id, { scale: 1.3, animation: false });
        leftCorner(container);  // the view is on them now, not at the map's corner
        container.exploreShow(id);
        inView(container);  // and the view in sight (on a phone it is below the search box)
      } else {
        match.focus();
      }
    }

    Array.prototype.forEach.call(form.querySelectorAll('input[name="kind"], select[name="topic"]'), function (el) {
      // (the view it opens, or the one it changes, brought into sight: on a phone the map is below the filters)
      el.addEventListener("change", function () {
        if (found) { found.hidden = true; }  // what the last search said is not about this view
        // nor are a person's details, counted over all posts: the box says what it says when no one is shown
        explore(container, function (network) { applyFilters(network); showIdle(container); inView(container); });
      });
    });
    if (form.elements.person) {
      form.elements.person.addEventListener("change", function () {  // a name picked from the list
        if ((form.elements.person.value || "").trim().toLowerCase() !== searched.query) { focusPerson(false); }
      });
      form.elements.person.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); focusPerson(true); }
      });
      // What the last search said is not about a name being typed: "Showing Jonas Weber." stayed beside "zzz"
      form.elements.person.addEventListener("input", function () {
        if (found && (form.elements.person.value || "").trim().toLowerCase() !== searched.query) { found.hidden = true; }
      });
    }
  }

  function init() {
    var maps = document.querySelectorAll(".network-map[data-map]");
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");
    if (dark && dark.addEventListener) {
      dark.addEventListener("change", function () { Array.prototype.forEach.call(maps, restyle); });
    }
    Array.prototype.forEach.call(maps, function (container) {
      wireDetails(container);
      wireToolbar(container);
      var controls = document.querySelector('form[data-for="' + container.id + '"]');
      if (controls) { wireControls(controls, container); }
      keepDetailsInSight(container);
      window.addEventListener("resize", function () { keepDetailsInSight(container); });
      var svg = visibleSvg(container);
      container.setAttribute("data-ready", String(svg ? svg.querySelectorAll("a.map-node").length : 0));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
