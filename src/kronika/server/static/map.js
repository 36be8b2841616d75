"use strict";
// The map view: timeline entries as points where they happened, coloured by PLOVER quad class,
// over an offline base map (countries-110m.json of world-atlas 2.0.2, Natural Earth data; see
// DATA.md). TopoJSON is decoded and drawn here in an equirectangular projection: no library,
// no tiles, no network beyond this server. A range dragged on the timeline chart narrows the map
// to the entries whose dates meet it; "Show all dates" widens it again.

(function () {
  const NS = "http://www.w3.org/2000/svg";
  const WIDTH = 960, HEIGHT = 440, NORTH = 84, SOUTH = -58;
  let topology = null;
  let loading = null;
  const view = { items: [], range: null, box: null, note: null, colourOf: null, open: null };

  function node(tag, attrs) {
    const n = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    return n;
  }

  const x = (lon) => ((lon + 180) / 360) * WIDTH;
  const y = (lat) => ((NORTH - lat) / (NORTH - SOUTH)) * HEIGHT;

  // TopoJSON: arcs are delta-encoded integer points; `transform` turns them into degrees.
  function decodeArcs(topo) {
    const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
    return topo.arcs.map((arc) => {
      let a = 0, b = 0;
      return arc.map(([dx, dy]) => { a += dx; b += dy; return [a * sx + tx, b * sy + ty]; });
    });
  }

  function ringPoints(arcs, indexes) {
    const out = [];
    for (const i of indexes) {
      const pts = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      out.push(...(out.length ? pts.slice(1) : pts));
    }
    return out;
  }

  // A ring as path data. A ring that wraps round the antimeridian (Russia, Fiji) is unwrapped:
  // its western longitudes move east by 360°, past the map's right edge, where the view clips
  // them, instead of a line across the whole map.
  function ringPath(points) {
    const lons = points.map((p) => p[0]);
    const wraps = Math.max(...lons) - Math.min(...lons) > 180;
    let d = "";
    points.forEach(([lon, lat], i) => {
      const lx = wraps && lon < 0 ? lon + 360 : lon;
      d += (i ? "L" : "M") + x(lx).toFixed(1) + "," + y(Math.max(SOUTH, lat)).toFixed(1);
    });
    return d + "Z";
  }

  function countryPaths(topo) {
    const arcs = decodeArcs(topo);
    const out = [];
    for (const g of topo.objects.countries.geometries) {
      const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
      const d = polys.map((rings) => rings.map((r) => ringPath(ringPoints(arcs, r))).join(""))
        .join("");
      if (d) out.push({ d, name: (g.properties && g.properties.name) || "" });
    }
    return out;
  }

  function baseMap() {
    if (!loading) {
      loading = fetch("/static/countries-110m.json", { credentials: "same-origin" })
        .then((r) => { if (!r.ok) throw new Error("base map: HTTP " + r.status); return r.json(); })
        .then((t) => { topology = countryPaths(t); return topology; });
    }
    return loading;
  }

  function inRange(e, range) {
    if (!range) return true;
    const lo = e.date.earliest ? Date.parse(e.date.earliest) : -Infinity;
    const hi = e.date.latest ? Date.parse(e.date.latest) : Infinity;
    return hi >= range[0] && lo <= range[1];
  }

  function draw() {
    const box = view.box;
    if (!box || !topology) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    const shown = view.items.filter((e) => e.location && e.location.lat !== null &&
      e.location.lat !== undefined && inRange(e, view.range));
    const svg = node("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "group",
      "aria-label": "Map: " + shown.length + " entries with a place" });
    const land = node("g", { class: "land" });
    for (const c of topology) {
      const p = node("path", { d: c.d });
      const t = node("title");
      t.textContent = c.name;
      p.append(t);
      land.append(p);
    }
    svg.append(land);
    const seen = {};
    for (const e of shown) {
      const key = e.location.lat.toFixed(2) + "," + e.location.lon.toFixed(2);
      const n = (seen[key] = (seen[key] || 0) + 1) - 1;
      const angle = n * 2.4, off = n ? 4 + 2 * Math.sqrt(n) : 0;  // spread points of one place
      const g = node("g", { class: "point", tabindex: 0, role: "button",
        "data-id": e.id, "data-doc": e.document,
        "aria-label": e.location.name + ": " + e.summary });
      const c = node("circle", { cx: (x(e.location.lon) + off * Math.cos(angle)).toFixed(1),
        cy: (y(e.location.lat) + off * Math.sin(angle)).toFixed(1), r: 5,
        fill: view.colourOf(e) });
      const t = node("title");
      t.textContent = e.location.name + " · " + e.type + " · " + e.summary;
      g.append(c, t);
      g.addEventListener("click", () => view.open(e));
      g.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); view.open(e); }
      });
      svg.append(g);
    }
    box.append(svg);
    const placed = view.items.filter((e) => e.location && e.location.lat != null).length;
    if (view.note) {
      view.note.textContent = shown.length + " of " + placed + " placed entries on the map" +
        (view.range ? ", " + iso(view.range[0]) + " to " + iso(view.range[1]) : "") +
        "; drag across the timeline to choose dates.";
    }
    box.dataset.points = String(shown.length);
  }

  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  // Drag across the timeline chart to choose a date range. `geom` maps x to days since epoch.
  function brush(svg, geom) {
    let start = null, rect = null;
    const toX = (ev) => {
      const r = svg.getBoundingClientRect();
      return ((ev.clientX - r.left) / r.width) * svg.viewBox.baseVal.width;
    };
    const toDay = (px) => geom.lo + ((px - geom.x0) / geom.plotW) * (geom.hi - geom.lo);
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.target.closest && ev.target.closest(".mark")) return;
      start = Math.max(geom.x0, toX(ev));
      rect = node("rect", { class: "brush", x: start, y: 0, width: 0, height: geom.height });
      svg.append(rect);
    });
    svg.addEventListener("pointermove", (ev) => {
      if (start === null) return;
      const now = Math.max(geom.x0, toX(ev));
      rect.setAttribute("x", Math.min(start, now));
      rect.setAttribute("width", Math.abs(now - start));
    });
    const finish = (ev) => {
      if (start === null) return;
      const end = Math.max(geom.x0, toX(ev));
      const [a, b] = [Math.min(start, end), Math.max(start, end)];
      start = null;
      if (b - a < 3) { rect.remove(); return; }
      setRange([Math.floor(toDay(a)) * 86400000, Math.floor(toDay(b)) * 86400000]);
    };
    svg.addEventListener("pointerup", finish);
    svg.addEventListener("pointerleave", finish);
  }

  function setRange(range) {
    view.range = range;
    draw();
  }

  function show(box, note, items, colourOf, open) {
    Object.assign(view, { box, note, items, colourOf, open, range: null });
    baseMap().then(draw).catch((err) => {
      box.textContent = "The base map could not be loaded (" + err.message + ").";
    });
  }

  window.kronikaMap = { show, brush, setRange };
})();
