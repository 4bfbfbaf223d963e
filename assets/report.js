// libya-news report: linked views over the embedded scan data. No network: data, map outline and
// texts come from the <script type="application/json"> blocks of this page.
(function () {
  "use strict";

  const CAMEO_ROOTS = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
    "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
    "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce", "18": "Assault",
    "19": "Fight", "20": "Use unconventional mass violence",
  };
  const ACTOR_TYPES = ["person", "organization", "armed_group", "state", "media", "other"];
  const ACTOR_COLORS = ["#4c78a8", "#f58518", "#e45756", "#54a24b", "#b279a2", "#9d9da0"];
  const NETWORK_MAX_EDGES = 200; // the heaviest pairs; more is a hairball at this size
  const NETWORK_HEIGHT = 600;
  const TABLE_ROWS = 100;
  const LIST_PAGE = 100;

  const t0 = performance.now();
  const D = JSON.parse(document.getElementById("report-data").textContent);
  const OUTLINE_TOPO = JSON.parse(document.getElementById("map-outline").textContent);
  const parseMs = performance.now() - t0;

  // ---- model ----
  const ACTORS = D.actors.map(([id, name, name_ar, type, code, known], i) => ({ i, id, name, name_ar, type, code, known }));
  const PLACES = D.places.map(([id, name, name_ar, kind, country, lat, lon], i) => ({ i, id, name, name_ar, kind, country, lat, lon }));
  const monthOf = v => (typeof v === "string" && /^\d{4}-\d{2}/.test(v)) ? v.slice(0, 7) : null;
  const rootLabel = r => r + " " + (CAMEO_ROOTS[r] || "");
  const codeInfo = c => D.codes[c] || ["", null];

  const ARTICLES = D.articles.map((a, i) => {
    const pubMonth = monthOf(a.published && a.published[0]);
    const events = a.events.map(([code, start, end, text, src, tgt, places, date, negated, also], k) => ({
      k, code, root: code.slice(0, 2), start, end, text, src, tgt, places, date, negated, also,
      month: monthOf(date) || pubMonth,
    }));
    const months = new Set(events.map(e => e.month).filter(Boolean));
    if (pubMonth) months.add(pubMonth);
    return Object.assign(a, {
      i, events, months,
      actorSet: new Set(a.actors.map(x => x[0])),
      placeSet: new Set(a.places.map(x => x[0])),
      roots: new Set(events.filter(e => !e.negated).map(e => e.root)),
    });
  });

  // ---- filters ----
  const F = { actor: null, place: null, root: null, month: null };
  let groupBy = "root";

  const articleMatches = a =>
    (F.actor === null || a.actorSet.has(F.actor)) &&
    (F.place === null || a.placeSet.has(F.place)) &&
    (F.root === null || a.roots.has(F.root)) &&
    (F.month === null || a.months.has(F.month));
  const eventMatches = e =>
    !e.negated &&
    (F.root === null || e.root === F.root) &&
    (F.month === null || e.month === F.month) &&
    (F.actor === null || e.src.includes(F.actor) || e.tgt.includes(F.actor));

  function aggregate() {
    const arts = ARTICLES.filter(articleMatches);
    const actors = new Map(), places = new Map(), codes = new Map(), bars = new Map(), pairs = new Map();
    const bump = (map, key, make) => { let v = map.get(key); if (!v) { v = make(); map.set(key, v); } return v; };
    let eventsNoMonth = 0;
    for (const a of arts) {
      for (const [ai, ...offsets] of a.actors) {
        const r = bump(actors, ai, () => ({ articles: 0, mentions: 0, events: 0 }));
        r.articles++; r.mentions += offsets.length / 2;
      }
      for (const [pi, ...offsets] of a.places) {
        const r = bump(places, pi, () => ({ articles: 0, mentions: 0 }));
        r.articles++; r.mentions += offsets.length / 2;
      }
      const codesHere = new Set();
      for (const e of a.events) {
        if (!eventMatches(e)) continue;
        const c = bump(codes, e.code, () => ({ events: 0, articles: 0 }));
        c.events++;
        if (!codesHere.has(e.code)) { codesHere.add(e.code); c.articles++; }
        for (const x of new Set(e.src.concat(e.tgt))) { const r = actors.get(x); if (r) r.events++; }
        if (e.month) {
          const group = groupBy === "root" ? rootLabel(e.root) : (codeInfo(e.code)[1] || "(none)");
          bump(bars, e.month + "\u0000" + group, () => ({ month: e.month, group, root: e.root, events: 0 })).events++;
        } else {
          eventsNoMonth++;
        }
        for (const s of e.src) for (const t of e.tgt) bump(pairs, s + "," + t, () => ({ s, t, events: 0 })).events++;
      }
    }
    return { arts, actors, places, codes, bars, pairs, eventsNoMonth };
  }

  // ---- helpers ----
  const $ = id => document.getElementById(id);
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }
  const arName = (ar, cls) => el("span", { class: "ar " + (cls || ""), lang: "ar", dir: "rtl" }, ar);
  const fmt = n => n.toLocaleString("en-US");

  // ---- views ----
  const views = {};
  const width = id => Math.max(320, ($(id).clientWidth || 600) - 10);
  const OUTLINE = vega.read(OUTLINE_TOPO, { type: "topojson", feature: "countries" });
  const [MAP_W, MAP_S, MAP_E, MAP_N] = OUTLINE_TOPO.bbox;

  function mapSpec(rows) {
    const w = width("map");
    return {
      width: w, height: Math.round(w * 0.78), autosize: "none", padding: 0,
      projection: { type: "mercator", fit: { signal: "data('outline')" } },
      config: { view: { stroke: null } },
      layer: [
        { name: "outline", data: { name: "outline", values: OUTLINE },
          mark: { type: "geoshape", stroke: "#98a39a", strokeWidth: 0.7, tooltip: false },
          encoding: { fill: { condition: { test: "datum.properties.name === 'Libya'", value: "#e8eddf" }, value: "#f4f5f2" } } },
        { name: "labels", data: { name: "outline_labels", values: OUTLINE_LABELS },
          mark: { type: "text", fontSize: 11, fill: "#7d877f", fontStyle: "italic", clip: true },
          encoding: { longitude: { field: "lon", type: "quantitative" }, latitude: { field: "lat", type: "quantitative" }, text: { field: "name" } } },
        { name: "points", data: { name: "places", values: rows },
          mark: { type: "circle", clip: true, opacity: 0.72, stroke: "#ffffff", strokeWidth: 0.6, cursor: "pointer" },
          encoding: {
            longitude: { field: "lon", type: "quantitative" }, latitude: { field: "lat", type: "quantitative" },
            size: { field: "mentions", type: "quantitative", scale: { type: "sqrt", range: [16, 1100] }, legend: { title: "mentions", orient: "bottom-left" } },
            color: { field: "chosen", type: "nominal", scale: { domain: [false, true], range: ["#1f6fb4", "#d6336c"] }, legend: null },
            tooltip: [{ field: "name_ar", title: "الاسم" }, { field: "name", title: "name" }, { field: "kind" }, { field: "country" },
              { field: "mentions", type: "quantitative" }, { field: "articles", type: "quantitative" }],
          } },
      ],
    };
  }
  const OUTLINE_LABELS = [["Libya", 17.5, 27.2], ["Egypt", 29.5, 26.5], ["Sudan", 30, 16], ["Chad", 18.7, 15.5], ["Niger", 9.5, 17.5],
    ["Algeria", 2.5, 28], ["Tunisia", 9.2, 34.1], ["Italy", 14.5, 41.3], ["Malta", 14.4, 36.2]].map(([name, lon, lat]) => ({ name, lon, lat }));

  function timelineSpec(rows) {
    return {
      width: width("timeline") - 60, height: 300, padding: 4,
      data: { name: "timeline", values: rows },
      name: "bars",
      mark: { type: "bar", cursor: "pointer" },
      encoding: {
        x: { field: "date", type: "temporal", timeUnit: "utcyearmonth", title: null, axis: { format: "%Y-%m", formatType: "utc", labelOverlap: true, labelAngle: -40 } },
        y: { field: "events", type: "quantitative", stack: "zero", title: "events" },
        color: { field: "group", type: "nominal", sort: "ascending", scale: { scheme: "tableau20" }, legend: { title: null, orient: "bottom", columns: 3, labelLimit: 210, symbolLimit: 30 } },
        order: { field: "group", sort: "ascending" },
        tooltip: [{ field: "month" }, { field: "group", title: "type" }, { field: "events", type: "quantitative" }],
      },
    };
  }

  function networkSpec(nodes, links) {
    const w = width("network");
    // Pull every node gently to the middle, so pairs unlinked to the rest stay in view; the
    // more nodes, the weaker their repulsion and the shorter the links, so they fit the frame.
    nodes.forEach(n => { n.homeX = w / 2; n.homeY = NETWORK_HEIGHT / 2; });
    const crowd = Math.max(1, nodes.length);
    const repulsion = -Math.max(35, Math.min(140, 4500 / crowd)), distance = Math.max(30, Math.min(85, 2000 / crowd));
    const pull = crowd > 60 ? 0.09 : 0.06;
    return {
      width: w, height: NETWORK_HEIGHT, autosize: "none", padding: 0,
      signals: [{ name: "cx", update: "width / 2" }, { name: "cy", update: "height / 2" }],
      data: [{ name: "nodes", values: nodes }, { name: "links", values: links }],
      scales: [
        { name: "color", type: "ordinal", domain: ACTOR_TYPES, range: ACTOR_COLORS },
        { name: "size", type: "sqrt", domain: { data: "nodes", field: "events" }, range: [30, 600], zero: false },
      ],
      legends: [{ fill: "color", orient: "top-left", title: "actor type", symbolType: "circle", labelFontSize: 11 }],
      marks: [
        { name: "node", type: "symbol", zindex: 1, from: { data: "nodes" },
          encode: {
            enter: { stroke: { value: "#fff" }, strokeWidth: { value: 1 }, cursor: { value: "pointer" } },
            update: { fill: { scale: "color", field: "type" }, size: { scale: "size", field: "events" },
              strokeWidth: { signal: "datum.chosen ? 3 : 1" }, stroke: { signal: "datum.chosen ? '#d6336c' : '#fff'" },
              tooltip: { signal: "{'الاسم': datum.name_ar, 'name': datum.name, 'type': datum.type, 'events': datum.events}" } },
          },
          transform: [{ type: "force", iterations: 300, static: true, signal: "force",
            forces: [{ force: "center", x: { signal: "cx" }, y: { signal: "cy" } }, { force: "collide", radius: 11 },
              { force: "nbody", strength: repulsion }, { force: "link", links: "links", distance },
              { force: "x", x: "datum.homeX", strength: pull * 0.8 }, { force: "y", y: "datum.homeY", strength: pull * 1.4 }] }] },
        { name: "edge", type: "path", from: { data: "links" },
          encode: { update: { stroke: { value: "#8c96a3" }, strokeOpacity: { value: 0.55 }, strokeWidth: { signal: "0.6 + sqrt(datum.events)" },
            tooltip: { signal: "datum.label" } } },
          transform: [{ type: "linkpath", require: { signal: "force" }, shape: "line",
            sourceX: "datum.source.x", sourceY: "datum.source.y", targetX: "datum.target.x", targetY: "datum.target.y" }] },
        // Direction: an arrowhead halfway along each edge, pointing at the target.
        { name: "arrow", type: "symbol", from: { data: "edge" }, interactive: false,
          encode: { update: { shape: { value: "triangle-right" }, size: { value: 28 }, fill: { value: "#6b7684" }, fillOpacity: { value: 0.8 },
            x: { signal: "(datum.datum.source.x + datum.datum.target.x) / 2" }, y: { signal: "(datum.datum.source.y + datum.datum.target.y) / 2" },
            angle: { signal: "atan2(datum.datum.target.y - datum.datum.source.y, datum.datum.target.x - datum.datum.source.x) * 180 / PI" } } } },
        { name: "label", type: "text", from: { data: "node" }, interactive: false,
          encode: { update: { x: { field: "x" }, y: { field: "y" }, dy: { value: -9 }, align: { value: "center" }, fontSize: { value: 10.5 },
            fill: { value: "#333" }, text: { field: "datum.label" } } } },
      ],
    };
  }

  // ---- rows for the views ----
  function placeRows(g) {
    const rows = [];
    for (const [pi, r] of g.places) {
      const p = PLACES[pi];
      if (typeof p.lat === "number" && typeof p.lon === "number") {
        rows.push({ pi, name: p.name, name_ar: p.name_ar, kind: p.kind, country: p.country || "", lat: p.lat, lon: p.lon,
          mentions: r.mentions, articles: r.articles, chosen: F.place === pi });
      }
    }
    return rows.sort((a, b) => b.mentions - a.mentions || a.pi - b.pi);
  }
  function barRows(g) {
    return [...g.bars.values()].sort((a, b) => a.month.localeCompare(b.month) || a.group.localeCompare(b.group))
      .map(r => Object.assign({ date: r.month + "-01" }, r));
  }
  function networkRows(g) {
    const all = [...g.pairs.values()].sort((a, b) => b.events - a.events || a.s - b.s || a.t - b.t);
    const shown = all.slice(0, NETWORK_MAX_EDGES);
    const index = new Map(), nodes = [];
    const node = ai => {
      if (!index.has(ai)) {
        const a = ACTORS[ai];
        index.set(ai, nodes.length);
        nodes.push({ ai, name: a.name, name_ar: a.name_ar, type: ACTOR_TYPES.includes(a.type) ? a.type : "other", events: 0, chosen: F.actor === ai, label: "" });
      }
      return index.get(ai);
    };
    const links = shown.map(p => {
      const source = node(p.s), target = node(p.t);
      nodes[source].events += p.events;
      if (source !== target) nodes[target].events += p.events;
      return { source, target, events: p.events, label: ACTORS[p.s].name + " → " + ACTORS[p.t].name + ": " + p.events + " events" };
    });
    [...nodes].sort((a, b) => b.events - a.events || a.ai - b.ai).slice(0, 16).forEach(n => { n.label = n.name; });
    return { nodes, links, total: all.length };
  }

  // ---- tables ----
  const tableState = {};
  function table(id, columns, rows, chosenKey, onPick) {
    const st = tableState[id] || (tableState[id] = { key: columns.find(c => c.num).key, dir: -1, all: false });
    const col = columns.find(c => c.key === st.key);
    rows = rows.slice().sort((a, b) => {
      const x = a[st.key], y = b[st.key];
      const c = col.num ? (x - y) : String(x).localeCompare(String(y));
      return c * st.dir || a._tie - b._tie;
    });
    const shown = st.all ? rows : rows.slice(0, TABLE_ROWS);
    const head = el("tr", {}, columns.map(c => el("th", {
      class: c.num ? "num" : null, scope: "col", "aria-sort": c.key === st.key ? (st.dir > 0 ? "ascending" : "descending") : null,
      onclick: () => { if (st.key === c.key) st.dir = -st.dir; else { st.key = c.key; st.dir = c.num ? -1 : 1; } renderAll(); },
    }, c.label)));
    const body = shown.map(r => el("tr", { class: r._key === chosenKey ? "chosen" : null, onclick: () => onPick(r) },
      columns.map(c => c.ar ? el("td", { class: "ar", lang: "ar", dir: "rtl" }, r[c.key])
        : el("td", { class: c.num ? "num" : null }, c.num ? fmt(r[c.key]) : (r[c.key] ?? "")))));
    const wrap = $(id);
    wrap.replaceChildren(el("table", {}, el("thead", {}, head), el("tbody", {}, body)));
    if (rows.length > shown.length) {
      wrap.append(el("button", { class: "more", onclick: () => { st.all = true; renderAll(); } }, "Show all " + fmt(rows.length) + " rows"));
    }
  }

  function renderTables(g) {
    const actorRows = [...g.actors].map(([ai, r]) => {
      const a = ACTORS[ai];
      return { _key: ai, _tie: ai, name_ar: a.name_ar, name: a.name, type: a.type, code: a.code || "", id: a.id, articles: r.articles, mentions: r.mentions, events: r.events };
    });
    table("actors-table", [
      { key: "name_ar", label: "الاسم", ar: true }, { key: "name", label: "name" }, { key: "type", label: "type" }, { key: "code", label: "CAMEO" },
      { key: "mentions", label: "mentions", num: true }, { key: "articles", label: "articles", num: true }, { key: "events", label: "events", num: true },
    ], actorRows, F.actor, r => toggle("actor", r._key));
    const placeRowsT = [...g.places].map(([pi, r]) => {
      const p = PLACES[pi];
      return { _key: pi, _tie: pi, name_ar: p.name_ar, name: p.name, kind: p.kind, country: p.country || "", articles: r.articles, mentions: r.mentions };
    });
    table("places-table", [
      { key: "name_ar", label: "الاسم", ar: true }, { key: "name", label: "name" }, { key: "kind", label: "kind" }, { key: "country", label: "country" },
      { key: "mentions", label: "mentions", num: true }, { key: "articles", label: "articles", num: true },
    ], placeRowsT, F.place, r => toggle("place", r._key));
    const codeRows = [...g.codes].map(([code, r], i) => {
      const [label, plover] = codeInfo(code);
      return { _key: code.slice(0, 2), _tie: i, code, label, root: rootLabel(code.slice(0, 2)), plover: plover || "", events: r.events, articles: r.articles };
    });
    table("codes-table", [
      { key: "code", label: "code" }, { key: "label", label: "label" }, { key: "root", label: "CAMEO root" }, { key: "plover", label: "PLOVER" },
      { key: "events", label: "events", num: true }, { key: "articles", label: "articles", num: true },
    ], codeRows, F.root, r => toggle("root", r._key));
  }

  // ---- filters UI ----
  function toggle(kind, value) {
    F[kind] = F[kind] === value ? null : value;
    listPage = 0;
    renderAll();
  }
  function renderChips() {
    const chips = [];
    const chip = (kind, text) => chips.push(el("button", { class: "chip", title: "remove this filter", onclick: () => toggle(kind, F[kind]) }, text, " ×"));
    if (F.actor !== null) chip("actor", ["actor: ", arName(ACTORS[F.actor].name_ar), " · " + ACTORS[F.actor].name]);
    if (F.place !== null) chip("place", ["place: ", arName(PLACES[F.place].name_ar), " · " + PLACES[F.place].name]);
    if (F.root !== null) chip("root", "CAMEO root: " + rootLabel(F.root));
    if (F.month !== null) chip("month", "month: " + F.month);
    if (chips.length > 1) chips.push(el("button", { class: "chip clear", onclick: () => { F.actor = F.place = F.root = F.month = null; listPage = 0; renderAll(); } }, "clear all"));
    if (!chips.length) chips.push(el("span", { class: "note" }, "No filter: click a point, bar, node or row to filter every view."));
    $("filters").replaceChildren(...chips);
  }

  // ---- article list and detail ----
  let listPage = 0, chosenArticle = null;
  function renderList(arts) {
    $("articles-count").textContent = fmt(arts.length) + " of " + fmt(ARTICLES.length);
    const pages = Math.max(1, Math.ceil(arts.length / LIST_PAGE));
    listPage = Math.min(listPage, pages - 1);
    const rows = arts.slice(listPage * LIST_PAGE, (listPage + 1) * LIST_PAGE).map(a => el("div", {
      class: "article-row" + (a.i === chosenArticle ? " chosen" : ""), onclick: () => openArticle(a.i),
    }, arName(a.title || a.id), el("span", { class: "sub" }, [a.path, a.published ? a.published[0] : "no date",
      a.actors.length + " actors", a.places.length + " places", a.events.length + " events"].join(" · "))));
    const pager = pages > 1 ? el("div", { class: "pager" },
      el("button", { onclick: () => { listPage = Math.max(0, listPage - 1); renderList(arts); }, disabled: listPage === 0 }, "‹ previous"),
      "page " + (listPage + 1) + " of " + pages,
      el("button", { onclick: () => { listPage = Math.min(pages - 1, listPage + 1); renderList(arts); }, disabled: listPage === pages - 1 }, "next ›")) : null;
    $("article-list").replaceChildren(...rows, ...(pager ? [pager] : []));
  }

  // Texts are parsed only when an article is opened: one small JSON block per article.
  function textOf(i) {
    const node = document.getElementById("text-" + i);
    return node ? JSON.parse(node.textContent) : null;
  }

  // Offsets are code points; JS strings are UTF-16. Array.from splits by code point, so slicing
  // the array is slicing by the scan's offsets, astral characters included.
  function highlighted(text, spans) {
    const cps = Array.from(text), n = cps.length;
    const valid = spans.filter(s => Number.isInteger(s.s) && Number.isInteger(s.e) && s.s >= 0 && s.s < s.e && s.e <= n);
    const cuts = new Set([0, n]);
    valid.forEach(s => { cuts.add(s.s); cuts.add(s.e); });
    const points = [...cuts].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k], b = points[k + 1], piece = cps.slice(a, b).join("");
      const cover = valid.filter(s => s.s <= a && s.e >= b);
      if (!cover.length) { frag.append(piece); continue; }
      const classes = new Set(cover.flatMap(s => s.cls.split(" ")));
      frag.append(el("mark", { class: [...classes].join(" "), "data-k": cover.map(s => s.key).join(" "), title: cover.map(s => s.title).join("\n") }, piece));
    }
    return { frag, dropped: spans.length - valid.length };
  }

  function openArticle(i) {
    chosenArticle = i;
    document.querySelectorAll(".article-row.chosen").forEach(r => r.classList.remove("chosen"));
    const a = ARTICLES[i];
    const spans = [], items = { actors: [], places: [], dates: [], events: [] };
    const names = list => list.map(x => ACTORS[x].name).join(", ") || "—";
    a.actors.forEach(([ai, ...o]) => {
      const x = ACTORS[ai], key = "a:" + ai;
      for (let k = 0; k < o.length; k += 2) spans.push({ s: o[k], e: o[k + 1], cls: "actor", key, title: "actor " + x.name + " (" + x.id + ")" });
      items.actors.push(el("div", { class: "item", "data-k": key }, arName(x.name_ar), " — " + x.name + " ", el("code", {}, x.id),
        " " + x.type + (x.code ? " " + x.code : "") + (x.known ? "" : " (new)") + " ×" + o.length / 2));
    });
    a.places.forEach(([pi, ...o]) => {
      const p = PLACES[pi], key = "p:" + pi;
      for (let k = 0; k < o.length; k += 2) spans.push({ s: o[k], e: o[k + 1], cls: "place", key, title: "place " + p.name + " (" + p.id + ")" });
      items.places.push(el("div", { class: "item", "data-k": key }, arName(p.name_ar), " — " + p.name + " ", el("code", {}, p.id),
        " " + p.kind + (p.country ? " " + p.country : "") + (typeof p.lat === "number" ? " (" + p.lat.toFixed(2) + ", " + p.lon.toFixed(2) + ")" : "") + " ×" + o.length / 2));
    });
    a.dates.forEach(([s, e, text, value, type, mod, anchored], k) => {
      const key = "d:" + k;
      spans.push({ s, e, cls: "date", key, title: "date " + value + " (" + type + ")" });
      items.dates.push(el("div", { class: "item", "data-k": key }, arName(text), " → ", el("code", {}, value), " " + type + (mod ? " " + mod : "") + (anchored ? "" : " (not anchored)")));
    });
    a.events.forEach(e => {
      const key = "e:" + e.k, [label, plover] = codeInfo(e.code);
      const title = "event " + e.code + " " + label + (e.negated ? " (negated)" : "");
      spans.push({ s: e.start, e: e.end, cls: "event" + (e.negated ? " negated" : ""), key, title });
      for (let k = 0; k + 1 < e.also.length; k += 2) spans.push({ s: e.also[k], e: e.also[k + 1], cls: "event", key, title });
      items.events.push(el("div", { class: "item", "data-k": key }, el("code", {}, e.code), " " + label + (plover ? " [" + plover + "]" : "") + " ",
        arName(e.text), " · " + names(e.src) + " → " + names(e.tgt) + (e.date ? " · " + e.date : "") + (e.places.length ? " · at " + e.places.map(p => PLACES[p].name).join(", ") : "") +
        (e.negated ? " · negated" : "")));
    });
    // The rule behind each highlight, as `libya-news explain` names it (present when the
    // report's tables made the scan).
    const ruleAt = new Map();
    (a.rules || []).forEach(([s, e, why]) => { const k = s + ":" + e; ruleAt.set(k, (ruleAt.has(k) ? ruleAt.get(k) + "\n" : "") + why); });
    spans.forEach(sp => { const why = ruleAt.get(sp.s + ":" + sp.e); if (why) sp.title += "\n" + why; });
    const text = a.note ? null : textOf(i);
    let body;
    if (text === null) {
      body = el("p", { class: "note" }, a.note || "text not available");
    } else {
      const { frag, dropped } = highlighted(text, spans);
      body = el("div", { class: "article-text", lang: "ar", dir: "rtl" }, frag);
      if (dropped) body = el("div", {}, el("p", { class: "warn" }, dropped + " offsets fall outside the text and are not shown"), body);
    }
    const section = (title, list) => list.length ? [el("h3", {}, title + " (" + list.length + ")"), list] : [];
    const itemsBox = el("div", { class: "items" }, section("Actors", items.actors), section("Places", items.places), section("Dates", items.dates), section("Events", items.events));
    itemsBox.addEventListener("click", ev => {
      const item = ev.target.closest(".item");
      if (!item) return;
      const key = item.getAttribute("data-k"), on = !item.classList.contains("focus");
      $("article-detail").querySelectorAll(".focus").forEach(n => n.classList.remove("focus"));
      if (!on) return;
      item.classList.add("focus");
      const marks = [...$("article-detail").querySelectorAll("mark")].filter(m => m.getAttribute("data-k").split(" ").includes(key));
      marks.forEach(m => m.classList.add("focus"));
      if (marks[0]) marks[0].scrollIntoView({ block: "nearest" });
    });
    $("article-detail").replaceChildren(
      el("h3", {}, arName(a.title || a.id)),
      el("p", { class: "meta" }, [a.path, "id " + a.id, a.published ? "published " + a.published[0] + " (" + a.published[1] + ")" : "no publication date",
        a.encoding, fmt(a.chars) + " characters"].join(" · "), " · rules: ", el("code", {}, "libya-news explain " + a.path)),
      ...a.warnings.map(w => el("p", { class: "warn" }, "⚠ " + w)),
      el("div", { class: "legend" }, el("span", { style: "background:var(--actor)" }, "actor"), el("span", { style: "background:var(--place)" }, "place"),
        el("span", { style: "background:var(--date)" }, "date"), el("span", { style: "box-shadow: inset 0 -2px 0 var(--event)" }, "event trigger"),
        el("span", {}, "hover a highlight for its id and the rule that found it; click an item below to find it")),
      body, itemsBox);
    renderList(ARTICLES.filter(articleMatches));
  }

  // ---- rendering ----
  let networkTotal = 0, lastCounts = {};
  function renderAll() {
    const g = aggregate();
    renderChips();
    renderTables(g);
    renderList(g.arts);
    const places = placeRows(g);
    const outside = places.filter(p => p.lon < MAP_W || p.lon > MAP_E || p.lat < MAP_S || p.lat > MAP_N);
    const noCoords = [...g.places.keys()].filter(pi => typeof PLACES[pi].lat !== "number").length;
    $("map-note").replaceChildren(
      outside.length ? el("span", {}, "Beyond the map: ", outside.slice(0, 15).map((p, k) => [k ? ", " : "", el("a", { href: "#", onclick: ev => { ev.preventDefault(); toggle("place", p.pi); } }, p.name), " (" + p.mentions + ")"]), outside.length > 15 ? ", …" : "", ". ") : "",
      noCoords ? noCoords + " places without coordinates are in the table only." : "");
    const bars = barRows(g);
    $("timeline-note").textContent = g.eventsNoMonth ? g.eventsNoMonth + " events have no date and their article no publication date: not shown." : "";
    const net = networkRows(g);
    networkTotal = net.total;
    $("network-note").textContent = net.total > net.links.length ? "The " + net.links.length + " heaviest of " + fmt(net.total) + " actor pairs." : fmt(net.total) + " actor pairs.";
    lastCounts = { places: places.length, bars: bars.length, nodes: net.nodes.length, links: net.links.length, pairs: net.total };
    return Promise.all([
      views.map.data("places", places).runAsync(),
      // resize(): the legend and axis labels change with the data, so the canvas must too.
      views.timeline.data("timeline", bars).resize().runAsync(),
      embedNetwork(net),
    ]);
  }

  // The force layout runs once per data set: a fresh view per filter keeps links and node
  // positions in step (changing the data of a live force view renders links before layout).
  const EMBED = { actions: false, renderer: "canvas", tooltip: { theme: "light" } };
  async function embedNetwork(net) {
    if (views.network) views.network.finalize();
    const { view } = await vegaEmbed("#network", networkSpec(net.nodes, net.links), Object.assign({ mode: "vega" }, EMBED));
    view.addEventListener("click", (ev, item) => { if (item && item.datum && item.datum.ai !== undefined) toggle("actor", item.datum.ai); });
    views.network = view;
  }

  // ---- self-test: what a headless browser reads back (tests/report_browser.rs) ----
  function countMarks(view, name) {
    let n = 0;
    (function walk(node) {
      if (!node || !node.items) return;
      if (node.marktype && node.name === name) n += node.items.length;
      node.items.forEach(walk);
    })(view.scenegraph().root);
    return n;
  }
  function offsetCheck(limit) {
    // The highlighted text must be the scan's mention text: slice by code points and compare.
    let checked = 0, wrong = 0;
    for (const a of ARTICLES.slice(0, limit)) {
      if (a.note) continue;
      const text = textOf(a.i);
      if (text === null) continue;
      const cps = Array.from(text);
      for (const [s, e, t] of a.dates) { checked++; if (cps.slice(s, e).join("") !== t) wrong++; }
      for (const ev of a.events) { checked++; if (cps.slice(ev.start, ev.end).join("") !== ev.text) wrong++; }
    }
    return { checked, wrong };
  }

  async function main() {
    const [m, t] = await Promise.all([
      vegaEmbed("#map", mapSpec([]), Object.assign({ mode: "vega-lite" }, EMBED)),
      vegaEmbed("#timeline", timelineSpec([]), Object.assign({ mode: "vega-lite" }, EMBED)),
    ]);
    views.map = m.view; views.timeline = t.view;
    views.map.addEventListener("click", (ev, item) => { if (item && item.datum && item.datum.pi !== undefined) toggle("place", item.datum.pi); });
    views.timeline.addEventListener("click", (ev, item) => {
      const d = item && item.datum;
      if (!d || !d.month) return;
      const same = F.month === d.month && (groupBy !== "root" || F.root === d.root);
      F.month = same ? null : d.month;
      if (groupBy === "root") F.root = same ? null : d.root;
      listPage = 0;
      renderAll();
    });
    $("group-by").addEventListener("change", ev => { groupBy = ev.target.value; renderAll(); });
    if (D.errors.length) {
      $("errors-view").hidden = false;
      $("errors-table").replaceChildren(el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "path"), el("th", {}, "kind"), el("th", {}, "message"))),
        el("tbody", {}, D.errors.map(([p, k, msg]) => el("tr", {}, el("td", {}, p), el("td", {}, k), el("td", {}, msg))))));
    }
    await renderAll();
    if (ARTICLES.length) openArticle(0);
    const readyMs = performance.now();
    const placesWithCoords = new Set(ARTICLES.flatMap(a => a.places.map(x => x[0])).filter(pi => typeof PLACES[pi].lat === "number")).size;
    const result = {
      ready: true,
      load_ms: Math.round(readyMs),
      data_parse_ms: Math.round(parseMs),
      articles: ARTICLES.length,
      marks: {
        map_points: countMarks(views.map, "points_marks"),
        map_countries: countMarks(views.map, "outline_marks"),
        timeline_bars: countMarks(views.timeline, "bars_marks"),
        network_nodes: countMarks(views.network, "node"),
        network_edges: countMarks(views.network, "edge"),
      },
      expected: { places_with_coordinates: placesWithCoords, timeline_bars: lastCounts.bars, network_pairs: networkTotal,
        network_edges_shown: lastCounts.links, network_max_edges: NETWORK_MAX_EDGES },
      article_marks: document.querySelectorAll("#article-detail mark").length,
      offsets: offsetCheck(200),
      resources: performance.getEntriesByType("resource").length,
      errors: window.reportErrors.slice(),
    };
    $("self-test").textContent = JSON.stringify(result);
    document.body.setAttribute("data-ready", "1");
  }
  main().catch(e => { window.reportErrors.push("main: " + (e && e.stack || e)); $("self-test").textContent = JSON.stringify({ ready: false, errors: window.reportErrors }); });
})();
