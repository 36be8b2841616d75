// kronika web page: hand-written, no dependencies. Every piece of data reaches the page through
// textContent or setAttribute on a fixed list of harmless attributes; never through innerHTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const state = { vocab: null, colour: {}, quadLabel: {}, entries: [], selected: null };

// DOM building ---------------------------------------------------------------------------------

const SAFE_ATTRS = new Set(["class", "id", "title", "type", "role", "tabindex", "aria-label",
  "aria-current", "aria-pressed", "data-id", "data-doc", "value", "width", "height", "x", "y",
  "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "fill", "stroke", "stroke-width", "opacity",
  "patternUnits", "patternTransform", "viewBox", "d", "text-anchor", "focusable", "lang", "for"]);

function el(tag, attrs, ...children) {
  const node = ["svg", "g", "rect", "circle", "line", "text", "path", "pattern", "defs", "title"]
    .includes(tag) && (attrs && attrs.svg) ? document.createElementNS(SVG, tag)
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "svg" || v === null || v === undefined || v === false) continue;
    if (k === "href") { node.setAttribute("href", safeHref(v)); continue; }
    if (!SAFE_ATTRS.has(k)) throw new Error("attribute not allowed: " + k);
    node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
const s = (tag, attrs, ...children) => el(tag, { ...(attrs || {}), svg: true }, ...children);

function safeHref(v) {
  const url = String(v);
  if (url.startsWith("#/") || url.startsWith("/")) return url.startsWith("//") ? "#" : url;
  try {
    const u = new URL(url);
    return (u.protocol === "http:" || u.protocol === "https:") ? u.href : "#";
  } catch (e) { return "#"; }
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
const $ = (id) => document.getElementById(id);

function say(msg, isError) {
  const st = $("status");
  st.textContent = msg || "";
  st.classList.toggle("error", Boolean(isError));
}

// API ------------------------------------------------------------------------------------------

async function api(path, options) {
  const resp = await fetch(path, { credentials: "same-origin", ...(options || {}) });
  const type = resp.headers.get("content-type") || "";
  const body = type.includes("json") ? await resp.json() : null;
  if (!resp.ok) {
    const detail = body && body.detail ? body.detail : resp.status + " " + resp.statusText;
    throw new Error(detail);
  }
  return { body, status: resp.status };
}

// dates ----------------------------------------------------------------------------------------

const DAY = 86400000;
const day = (iso) => Date.parse(iso + "T00:00:00Z") / DAY;
const isoOf = (d) => new Date(d * DAY).toISOString().slice(0, 10);

function dateText(date) {
  if (date.earliest && date.latest) {
    return date.earliest === date.latest ? date.earliest : date.earliest + " … " + date.latest;
  }
  if (date.latest) return "… " + date.latest;
  if (date.earliest) return date.earliest + " …";
  return "undated";
}
const names = (actors) => actors.map((a) => a.name).join(", ") || "?";
const words = (x) => String(x).replace(/_/g, " ");

// code-point slicing: kronika's offsets count code points, JavaScript strings count UTF-16 units
const cp = (text) => Array.from(text);

// timeline view --------------------------------------------------------------------------------

function filterParams() {
  const form = $("filters");
  const p = new URLSearchParams();
  for (const name of ["q", "after", "before", "type", "status"]) {
    const v = form.elements[name].value.trim();
    if (v) p.set(name, v);
  }
  for (const a of form.elements.actor.value.split(",")) if (a.trim()) p.append("actor", a.trim());
  return p;
}

function fillFilters(params) {
  const form = $("filters");
  for (const name of ["q", "after", "before", "type", "status"]) {
    form.elements[name].value = params.get(name) || "";
  }
  form.elements.actor.value = params.getAll("actor").join(", ");
}

async function showTimeline() {
  const p = filterParams();
  p.set("limit", "1000");
  say("Loading the timeline…");
  try {
    const { body } = await api("/api/timeline?" + p.toString());
    state.entries = body.items;
    renderChart(body.items);
    window.kronikaMap.show($("map"), $("map-text"), body.items, colourOf,
      (e) => openEntry(e.document, e.id));
    renderList($("entry-list"), body.items);
    say(body.total === 0 ? "No entries match. Add an article, or clear the filters." :
      body.total + " entries" + (body.total > body.items.length ? " (first 1000 shown)" : ""));
  } catch (e) { say(e.message, true); }
}

function colourOf(entry) { return state.colour[entry.quad] || "#777777"; }

function renderList(list, items) {
  clear(list);
  for (const e of items) {
    const btn = el("button", { type: "button", "data-id": e.id, "data-doc": e.document,
      "aria-label": dateText(e.date) + ": " + e.summary },
      el("span", { class: "swatch", title: state.quadLabel[e.quad] || e.type }),
      el("span", { class: "when" }, dateText(e.date)),
      el("strong", null, e.type), " ",
      el("span", null, e.summary), " ",
      el("span", { class: "badge" }, words(e.status)),
      e.hedged ? el("span", { class: "badge hedged" }, "hedged") : null);
    btn.querySelector(".swatch").style.background = colourOf(e);
    btn.addEventListener("click", () => openEntry(e.document, e.id));
    list.append(el("li", null, btn));
  }
}

function renderChart(items) {
  const box = clear($("chart"));
  const dated = items.filter((e) => e.date.earliest || e.date.latest);
  if (!dated.length) {
    box.append(el("p", { class: "meta" }, "No dated entries to draw."));
    return;
  }
  const bounds = dated.flatMap((e) => [e.date.earliest, e.date.latest]).filter(Boolean).map(day);
  let lo = Math.min(...bounds), hi = Math.max(...bounds);
  const pad = Math.max(2, Math.round((hi - lo) * 0.04));
  lo -= pad; hi += pad;
  const labelW = 300, row = 24, top = 28;
  const width = Math.max(box.clientWidth || 900, 700);
  const plotW = width - labelW - 20;
  const height = top + row * dated.length + 10;
  const x = (d) => labelW + ((d - lo) / (hi - lo)) * plotW;
  const svg = s("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "group",
    "aria-label": "Timeline chart: " + dated.length + " dated entries" });
  const defs = s("defs");
  for (const q of state.vocab.quads) {
    const pat = s("pattern", { id: "hatch-" + q.name, width: 6, height: 6,
      patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
      s("rect", { width: 6, height: 6, fill: "#ffffff" }),
      s("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: q.colour, "stroke-width": 3 }));
    defs.append(pat);
  }
  svg.append(defs);
  const axis = s("g", { class: "axis" });
  const ticks = 6;
  for (let i = 0; i <= ticks; i++) {
    const d = Math.round(lo + ((hi - lo) * i) / ticks);
    axis.append(s("line", { class: "grid", x1: x(d), x2: x(d), y1: top - 6, y2: height }),
      s("text", { x: x(d), y: 14, "text-anchor": i === 0 ? "start" : i === ticks ? "end" :
        "middle" }, isoOf(d)));
  }
  svg.append(axis);
  dated.forEach((e, i) => {
    const y = top + i * row + row / 2;
    const colour = colourOf(e);
    const label = e.summary.length > 46 ? e.summary.slice(0, 45) + "…" : e.summary;
    const g = s("g", { class: "mark", tabindex: 0, role: "button", "data-id": e.id,
      "data-doc": e.document,
      "aria-label": dateText(e.date) + ", " + e.type + ", " + words(e.status) + ": " + e.summary });
    g.append(s("title", null, dateText(e.date) + " · " + e.type + " · " + e.summary));
    g.append(s("text", { class: "label", x: 6, y: y + 4 }, label));
    const a = e.date.earliest ? day(e.date.earliest) : lo;
    const b = e.date.latest ? day(e.date.latest) + 1 : hi;
    if (e.shape === "point") {
      g.append(s("circle", { class: "shape", cx: x(a + 0.5), cy: y, r: 6, fill: colour }));
    } else {
      const uncertain = e.shape !== "interval";
      g.append(s("rect", { class: "shape", x: x(a), y: y - 7, width: Math.max(3, x(b) - x(a)),
        height: 14, rx: 2, stroke: colour,
        fill: uncertain ? "url(#hatch-" + (e.quad || "none") + ")" : colour }));
    }
    const open = () => openEntry(e.document, e.id);
    g.addEventListener("click", open);
    g.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(); }
    });
    svg.append(g);
  });
  box.append(svg);
  window.kronikaMap.brush(svg, { x0: labelW, plotW, lo, hi, height });
}

function renderLegend() {
  const legend = clear($("legend"));
  for (const q of state.vocab.quads) {
    const sw = el("span", { class: "swatch" });
    sw.style.background = q.colour;
    legend.append(el("span", null, sw, q.label));
  }
  legend.append(el("span", null, "● one day"), el("span", null, "▬ lasted"),
    el("span", null, "▨ some day in the range (uncertain)"));
}

// entry detail ---------------------------------------------------------------------------------

function openEntry(doc, id) {
  location.hash = "#/entry/" + encodeURIComponent(doc) + "/" + encodeURIComponent(id);
}

async function showEntry(doc, id) {
  if (!state.entries.length) await showTimeline();
  const panel = $("detail");
  document.querySelectorAll(".mark.selected").forEach((m) => m.classList.remove("selected"));
  document.querySelectorAll(`.mark[data-id="${CSS.escape(id)}"]`)
    .forEach((m) => m.classList.add("selected"));
  try {
    const { body } = await api("/api/entries/" + encodeURIComponent(id) + "?document=" +
      encodeURIComponent(doc));
    renderDetail(panel, body);
    panel.hidden = false;
    panel.querySelector("h3").focus();
  } catch (e) { say(e.message, true); }
}

function renderDetail(panel, body) {
  const e = body.entry;
  clear(panel);
  panel.append(el("h3", { tabindex: -1 }, e.summary),
    el("p", null, el("strong", null, dateText(e.date)),
      " (date basis: " + e.date.basis + (e.date.value ? ", value " + e.date.value : "") + ")"),
    el("p", null, e.type + " · " + (state.quadLabel[e.quad] || "") + " · status " +
      words(e.status) + (e.hedged ? " · hedged" : "") + " · confidence " +
      Number(e.confidence).toFixed(2)),
    el("p", null, "Who: " + names(e.sources) + " → " + (e.targets.length ? names(e.targets) :
      "(each other)")));
  panel.append(el("h4", null, "Evidence (" + body.evidence.length + ")"));
  for (const item of body.evidence) panel.append(renderEvidence(item));
  if (body.conflicts.length) {
    panel.append(el("h4", null, "Possible conflicts"));
    const ul = el("ul");
    for (const c of body.conflicts) {
      ul.append(el("li", null, el("a", { href: "#/entry/" + encodeURIComponent(c.entry.document) +
        "/" + encodeURIComponent(c.entry.id) }, dateText(c.entry.date) + ": " + c.entry.summary),
        " — " + c.why));
    }
    panel.append(ul);
  } else {
    panel.append(el("p", { class: "meta" }, "No conflicting reports in the store."));
  }
}

function renderEvidence(item) {
  const ev = item.event, doc = item.document || {};
  const chars = cp(ev.evidence.text);
  const a = Math.max(0, ev.trigger.start - ev.evidence.start);
  const b = Math.max(a, ev.trigger.end - ev.evidence.start);
  const quote = el("blockquote", null, chars.slice(0, a).join(""),
    el("mark", null, chars.slice(a, b).join("")), chars.slice(b).join(""));
  const att = ev.attribution;
  const cites = att && att.cites && att.cites.length ?
    ", citing " + att.cites.map((c) => c.name).join(", citing ") : "";
  const who = att && att.speaker ? "Said by " + att.speaker.name + cites +
    (att.said ? " on " + att.said : "") + " (“" + att.text + "”)" : "Unattributed in the text";
  return el("div", { class: "evidence" }, quote,
    el("p", null, who),
    el("p", { class: "meta" }, "Event " + ev.type + ", " + words(ev.status) + ", dated " +
      dateText(ev.date) + " (basis: " + ev.date.basis + ")" + (ev.hedged ? ", hedged" : "")),
    el("p", null, "From ", el("a", { href: "#/doc/" + encodeURIComponent(doc.id || "") +
      "?focus=" + ev.evidence.start + "-" + ev.evidence.end }, doc.title || "untitled article"),
      doc.published ? ", published " + doc.published : "",
      doc.uri && /^https?:/i.test(doc.uri) ? el("span", null, " · ",
        el("a", { href: doc.uri }, "original")) : null));
}

// documents ------------------------------------------------------------------------------------

async function showDocuments() {
  const list = clear($("doc-list"));
  try {
    const { body } = await api("/api/documents?limit=1000");
    for (const d of body.items) {
      list.append(el("li", null, el("a", { href: "#/doc/" + encodeURIComponent(d.id) },
        d.title || "untitled article"),
        " · " + (d.published || "no date") + " · " + d.language + " · " + d.n_entries +
        " entries"));
    }
    say(body.total ? "" : "No articles yet: add one.");
  } catch (e) { say(e.message, true); }
}

async function showDocument(id, params) {
  try {
    const { body } = await api("/api/documents/" + encodeURIComponent(id));
    $("doc-h").textContent = body.title || "Untitled article";
    $("doc-meta").textContent = [body.published ? "published " + body.published : "no date",
      "language " + body.language, body.source.uri ? "source " + body.source.uri : null]
      .filter(Boolean).join(" · ");
    const focus = (params.get("focus") || "").split("-").map(Number);
    renderText($("doc-text"), body, focus.length === 2 && !focus.some(isNaN) ? focus : null);
    renderList($("doc-events"), body.timeline.map((e) => ({ ...e, document: body.id,
      quad: (state.vocab.quads.find((q) => q.types.includes(e.type)) || {}).name })));
    const timexes = clear($("doc-timexes"));
    for (const t of body.timexes) {
      timexes.append(el("tr", null, el("td", null, t.text), el("td", null, t.value || "?"),
        el("td", null, dateText(t)), el("td", null, t.anchor ? t.anchor + " (" +
          (t.anchor_basis || "?") + ")" : "")));
    }
    const actors = clear($("doc-actors"));
    for (const m of body.mentions || []) {
      actors.append(el("tr", null, el("td", null, m.text),
        el("td", null, m.actors.map((a) => a.name + (a.role ? " (" + a.role + ")" : ""))
          .join("; ") || "unresolved")));
    }
    say("");
    const mark = $("doc-text").querySelector(".focus");
    if (mark) mark.scrollIntoView({ block: "center" });
  } catch (e) { say(e.message, true); }
}

function renderText(box, doc, focus) {
  clear(box);
  const chars = cp(doc.text);
  const spans = [];
  for (const n of doc.noise) {
    spans.push({ start: n.start, end: n.end, cls: ["hedge", "unattributed"].includes(n.kind) ?
      "hedge" : "noise", note: "noise: " + n.kind });
  }
  for (const t of doc.timexes) {
    spans.push({ start: t.start, end: t.end, cls: "timex",
      note: "time: " + (t.value || "?") + (t.earliest ? " (" + t.earliest + " … " + t.latest + ")" : "") });
  }
  for (const m of doc.mentions || []) {
    spans.push({ start: m.start, end: m.end, cls: "actor",
      note: "actor: " + (m.actors.map((a) => a.name).join(", ") || "unresolved") });
  }
  for (const e of doc.events) {
    spans.push({ start: e.trigger.start, end: e.trigger.end, cls: "trigger",
      note: "event: " + e.type + " (" + words(e.status) + ")" });
  }
  if (focus) spans.push({ start: focus[0], end: focus[1], cls: "focus", note: "evidence" });
  const cuts = new Set([0, chars.length]);
  for (const sp of spans) { cuts.add(sp.start); cuts.add(sp.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= chars.length).sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const on = spans.filter((sp) => sp.start <= a && b <= sp.end);
    const text = chars.slice(a, b).join("");
    if (!on.length) { box.append(text); continue; }
    box.append(el("span", { class: [...new Set(on.map((sp) => sp.cls))].join(" "),
      title: on.map((sp) => sp.note).join("; ") }, text));
  }
}

// adding an article ----------------------------------------------------------------------------

function setUpAddForm() {
  const form = $("add-form");
  const drop = $("drop");
  drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    drop.classList.remove("over");
    if (ev.dataTransfer.files.length) $("add-file").files = ev.dataTransfer.files;
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const out = $("add-result");
    const meta = {};
    for (const k of ["published", "lang", "title"]) {
      const v = form.elements[k].value.trim();
      if (v) meta[k] = v;
    }
    let options;
    const file = $("add-file").files[0];
    if (file) {
      const data = new FormData();
      data.append("file", file);
      for (const [k, v] of Object.entries(meta)) data.append(k, v);
      options = { method: "POST", body: data };
    } else {
      const text = form.elements.text.value, url = form.elements.url.value.trim();
      const payload = url ? { url, ...meta } : { text, ...meta };
      options = { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload) };
    }
    out.textContent = "Processing…";
    try {
      const { body } = await api("/api/documents", options);
      clear(out).append(body.stored ? "Stored: " : "Already stored: ",
        el("a", { href: "#/doc/" + encodeURIComponent(body.id) }, body.title || "the article"),
        " (" + body.events + " events, " + body.entries + " timeline entries)");
      state.entries = [];
      form.reset();
    } catch (e) { out.textContent = "Not stored: " + e.message; }
  });
}

// routing --------------------------------------------------------------------------------------

async function route() {
  const [path, query] = (location.hash.slice(1) || "/timeline").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || "");
  const view = { entry: "timeline", doc: "document" }[parts[0]] || parts[0] || "timeline";
  for (const sec of document.querySelectorAll(".view")) sec.hidden = sec.id !== "view-" + view;
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    a.setAttribute("aria-current", a.dataset.view === (view === "document" ? "documents" : view)
      ? "page" : "false");
  }
  say("");
  if (view === "timeline") {
    if (parts[0] === "entry" && parts.length >= 3) await showEntry(parts[1], parts[2]);
    else { $("detail").hidden = true; fillFilters(params); await showTimeline(); }
  } else if (view === "documents") await showDocuments();
  else if (view === "document") await showDocument(parts[1] || "", params);
  else if (view === "add") $("add-text").focus();
  else say("No such page.", true);
}

async function start() {
  try {
    const { body } = await api("/api/vocabulary");
    state.vocab = body;
  } catch (e) { say(e.message, true); return; }
  for (const q of state.vocab.quads) {
    state.quadLabel[q.name] = q.label;
    state.colour[q.name] = q.colour;
  }
  const form = $("filters");
  for (const t of state.vocab.types) form.elements.type.append(el("option", { value: t }, t));
  for (const st of state.vocab.statuses) {
    form.elements.status.append(el("option", { value: st }, words(st)));
  }
  renderLegend();
  api("/api/actors?limit=1000").then(({ body }) => {
    const list = $("actor-list");
    for (const a of body.items) list.append(el("option", { value: a.name }));
  }).catch(() => {});
  // the filters live in the address (#/timeline?actor=…), so a view can be bookmarked and shared
  const go = () => {
    const target = "#/timeline?" + filterParams().toString();
    if (location.hash === target) route(); else location.hash = target;
  };
  form.addEventListener("submit", (ev) => { ev.preventDefault(); go(); });
  form.addEventListener("reset", () => setTimeout(go, 0));
  $("map-all").addEventListener("click", () => window.kronikaMap.setRange(null));
  setUpAddForm();
  window.addEventListener("hashchange", route);
  await route();
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
