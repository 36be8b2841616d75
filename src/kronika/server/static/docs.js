// The API reference, drawn from /openapi.json with textContent only (no CDN, no innerHTML).
"use strict";

function node(tag, text, cls) {
  const n = document.createElement(tag);
  if (text !== undefined) n.textContent = text;
  if (cls) n.className = cls;
  return n;
}

async function draw() {
  const box = document.getElementById("routes");
  const resp = await fetch("/openapi.json", { credentials: "same-origin" });
  if (!resp.ok) { box.append(node("p", "Cannot read /openapi.json: " + resp.status)); return; }
  const spec = await resp.json();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = node("section", undefined, "evidence");
      sec.append(node("h3", method.toUpperCase() + " " + path));
      if (op.description || op.summary) sec.append(node("p", op.description || op.summary));
      const params = op.parameters || [];
      if (params.length) {
        const ul = node("ul");
        for (const p of params) {
          const schema = p.schema || {};
          const type = schema.type || (schema.anyOf || []).map((x) => x.type).join("|");
          ul.append(node("li", p.name + " (" + p.in + (type ? ", " + type : "") + ")" +
            (p.description ? ": " + p.description : "")));
        }
        sec.append(ul);
      }
      const body = op.requestBody && op.requestBody.content;
      if (body) sec.append(node("p", "Body: " + Object.keys(body).join(" or ")));
      box.append(sec);
    }
  }
}

document.addEventListener("DOMContentLoaded", draw);
