// The web workspace: sign in, search with facets, read a document with its hits highlighted, code
// it from the keyboard, TAR, productions; for the requester, the demand's status board and the
// productions received. Talks only to this server's /api (docs/API.md).
"use strict";

const state = { csrf: "", role: "", query: "", hits: [], current: -1 };
const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const headers = {};
  if (method !== "GET") headers["X-CSRF-Token"] = state.csrf;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get("Content-Type") || "";
  const data = type.startsWith("application/json") ? await res.json() : await res.text();
  if (!res.ok) {
    const message = data && data.error ? data.error.message : res.statusText;
    const err = new Error(message);
    err.status = res.status;
    throw err;
  }
  return data;
}

const kViews = ["board-view", "intake-view", "search-view", "tar-view", "production-view"];

// view: "login" or one of kViews.
function show(view) {
  const login = view === "login";
  $("login-view").hidden = !login;
  $("tabs").hidden = login;
  for (const v of kViews) $(v).hidden = login || v !== view;
  $("logout").hidden = login;
  for (const b of document.querySelectorAll("#tabs button")) {
    const roles = b.dataset.roles;
    b.hidden = roles !== undefined && !roles.split(" ").includes(state.role);
    b.classList.toggle("active", b.dataset.tab === view);
  }
}

function openView(view) {
  show(view);
  if (view === "tar-view") tarStatus();
  else if (view === "board-view") loadBoard();
  else if (view === "intake-view") loadIntake();
}

for (const b of document.querySelectorAll("#tabs button")) {
  b.addEventListener("click", () => openView(b.dataset.tab));
}

// Nothing of one user's work stays on screen for the next.
function clearResults() {
  state.hits = [];
  state.current = -1;
  $("hits").replaceChildren();
  $("facets").replaceChildren();
  $("count").textContent = "";
  $("doc").hidden = true;
  $("doc-text").replaceChildren();
  $("board-body").hidden = true;
  $("board-table").tBodies[0].replaceChildren();
  $("board-chart").replaceChildren();
  $("board-summary").textContent = "";
  $("board-as-of").value = "";
  $("intake-table").tBodies[0].replaceChildren();
}

function signedIn(session) {
  clearResults();
  state.role = session.role;
  state.csrf = session.csrf_token;
  $("who").textContent = `${session.user} (${session.role})`;
  // The requester's staff live in the status board; everyone else starts with search.
  if (state.role === "requester") {
    openView("board-view");
  } else {
    openView("search-view");
    $("q").focus();
  }
}

async function start() {
  try {
    signedIn(await api("GET", "/api/session"));
  } catch (e) {
    show("login");
  }
}

$("login-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("login-error").textContent = "";
  try {
    signedIn(await api("POST", "/api/login",
                       { name: $("login-name").value, password: $("login-password").value }));
    $("login-password").value = "";
  } catch (e) {
    $("login-error").textContent = e.message;
  }
});

$("logout").addEventListener("click", async () => {
  try { await api("POST", "/api/logout"); } catch (e) { /* the session may have expired */ }
  state.csrf = "";
  $("who").textContent = "";
  clearResults();
  show("login");
});

function facet(title, rows, histogram) {
  const box = document.createElement("div");
  box.className = "facet";
  const h = document.createElement("h3");
  h.textContent = title;
  box.append(h);
  const max = Math.max(1, ...rows.map((r) => r.count));
  for (const r of rows.slice(0, histogram ? 120 : 12)) {
    const line = document.createElement("div");
    const name = document.createElement("span");
    name.textContent = r.value || "(none)";
    const count = document.createElement("span");
    count.textContent = r.count;
    line.append(name, count);
    box.append(line);
    if (histogram) {
      const bar = document.createElement("div");
      bar.className = "bar";
      bar.style.width = `${(100 * r.count) / max}%`;
      box.append(bar);
    }
  }
  return box;
}

async function search(q) {
  $("search-error").textContent = "";
  state.query = q;
  try {
    const r = await api("GET", `/api/search?q=${encodeURIComponent(q)}&limit=50`);
    state.hits = r.hits;
    $("count").textContent = `${r.total} documents`;
    const facets = $("facets");
    facets.replaceChildren(facet("Custodian", r.facets.custodian),
                           facet("Type", r.facets.type),
                           facet("Month", r.facets.month, true));
    const list = $("hits");
    list.replaceChildren();
    r.hits.forEach((hit, i) => {
      const li = document.createElement("li");
      const title = document.createElement("div");
      title.className = "title";
      title.textContent = `${hit.id} ${hit.title}`;
      const meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = `${hit.custodian} · ${hit.date}`;
      const snippet = document.createElement("div");
      // The engine's snippet is HTML: its text escaped, the hits in <b>.
      snippet.innerHTML = hit.snippet;
      li.append(title, meta, snippet);
      li.addEventListener("click", () => openHit(i));
      list.append(li);
    });
    if (r.hits.length > 0) openHit(0);
  } catch (e) {
    $("search-error").textContent = e.message;
  }
}

$("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  search($("q").value);
});

// The text with each span (offsets in code points) wrapped in <mark>, built from text nodes.
// spans: [{offset, length, cls, title}], overlapping ones after the first skipped.
function highlighted(text, spans) {
  const points = Array.from(text || "");
  const out = document.createDocumentFragment();
  let at = 0;
  for (const h of [...spans].sort((a, b) => a.offset - b.offset)) {
    if (h.offset < at) continue;
    out.append(points.slice(at, h.offset).join(""));
    const mark = document.createElement("mark");
    if (h.cls) mark.className = h.cls;
    if (h.title) mark.title = h.title;
    mark.textContent = points.slice(h.offset, h.offset + h.length).join("");
    out.append(mark);
    at = h.offset + h.length;
  }
  out.append(points.slice(at).join(""));
  return out;
}

async function openHit(i) {
  if (i < 0 || i >= state.hits.length) return;
  state.current = i;
  [...$("hits").children].forEach((li, j) => li.classList.toggle("current", j === i));
  const id = state.hits[i].id;
  $("coding-result").textContent = "";
  try {
    // Fetch everything first, then draw it at once: the screen never shows a title over another
    // document's text, and an answer for a hit the reviewer has already left is dropped.
    const doc = await api("GET", `/api/documents/${encodeURIComponent(id)}?q=${encodeURIComponent(state.query)}`);
    const screen = state.role === "requester"
      ? null : await api("GET", `/api/documents/${encodeURIComponent(id)}/screen`);
    if (state.current !== i) return;
    $("doc").hidden = false;
    $("doc-title").textContent = `${doc.id} ${doc.subject || doc.title || doc.name}`;
    const meta = $("doc-meta");
    meta.replaceChildren();
    const rows = [["Custodian", doc.custodian], ["Kind", doc.kind], ["Type", doc.mime_type],
                  ["From", doc.from], ["To", (doc.to || []).join(", ")],
                  ["Date", doc.dates && doc.dates.sort ? doc.dates.sort.local : ""],
                  ["Family", (doc.family || []).join(" ")],
                  ["Thread", doc.related ? doc.related.thread.join(" ") : ""],
                  ["Near-duplicates", doc.related ? doc.related.near_duplicates.join(" ") : ""]];
    for (const [k, v] of rows) {
      if (!v) continue;
      const dt = document.createElement("dt");
      dt.textContent = k;
      const dd = document.createElement("dd");
      dd.textContent = v;
      meta.append(dt, dd);
    }
    $("doc-native").href = `/api/documents/${encodeURIComponent(id)}/native`;
    const spans = (doc.highlight ? doc.highlight.hits : []).map((h) => ({ offset: h.offset, length: h.length }));
    $("redact-pii").hidden = true;
    if (screen) {
      // What the privilege and personal-data screens found here (reviewers and admins only).
      if (screen.privilege_why.length > 0) {
        const dt = document.createElement("dt");
        dt.textContent = "Privilege flags";
        const dd = document.createElement("dd");
        dd.className = "privilege";
        dd.textContent = screen.privilege_why.join("; ");
        meta.append(dt, dd);
      }
      for (const p of screen.pii) {
        spans.push({ offset: p.start, length: p.end - p.start, cls: "pii", title: `personal data: ${p.kind}` });
      }
      $("redact-pii").hidden = screen.pii.length === 0;
    }
    $("doc-text").replaceChildren(highlighted(doc.text, spans));
    $("coding").hidden = state.role === "requester";
  } catch (e) {
    $("search-error").textContent = e.message;
  }
}

async function code(field, value) {
  if (state.current < 0 || state.role === "requester") return;
  const id = state.hits[state.current].id;
  try {
    const fields = {};
    fields[field] = value;
    const r = await api("POST", `/api/documents/${encodeURIComponent(id)}/coding`, { fields });
    $("coding-result").textContent = `${id}: ${field}=${value} (${r.changed} changed)`;
  } catch (e) {
    $("coding-result").textContent = e.message;
  }
}

// The selection inside the document's text as [start, end) in code points, or null.
function selectedSpan() {
  const sel = window.getSelection();
  const text = $("doc-text");
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(text);
  before.setEnd(range.startContainer, range.startOffset);
  const start = Array.from(before.toString()).length;
  return [start, start + Array.from(range.toString()).length];
}

$("redact-selection").addEventListener("click", async () => {
  if (state.current < 0) return;
  const span = selectedSpan();
  if (!span) {
    $("coding-result").textContent = "Select the text to redact first.";
    return;
  }
  const id = state.hits[state.current].id;
  const reason = window.prompt("Reason for the redaction", "Personal data") || "Redacted";
  try {
    const r = await api("POST", "/api/redactions", { ids: [id], spans: [span], reason });
    $("coding-result").textContent =
      `${id}: redacted [${span[0]}, ${span[1]}) (${r.redactions.length} added)`;
  } catch (e) {
    $("coding-result").textContent = e.message;
  }
});

$("redact-pii").addEventListener("click", async () => {
  if (state.current < 0) return;
  const id = state.hits[state.current].id;
  try {
    const r = await api("POST", "/api/redactions", { ids: [id], pii_kinds: ["all"] });
    $("coding-result").textContent = `${id}: ${r.redactions.length} personal-data redactions added`;
  } catch (e) {
    $("coding-result").textContent = e.message;
  }
});

for (const b of document.querySelectorAll("#coding button[data-field]")) {
  b.addEventListener("click", () => code(b.dataset.field, b.dataset.value));
}

// --- TAR -------------------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

// The gain curve: responsive found against documents reviewed.
function drawCurve(curve) {
  const svg = $("tar-curve");
  svg.replaceChildren();
  const w = 420, h = 180, pad = 24;
  const maxX = Math.max(1, ...curve.map((p) => p[0]));
  const maxY = Math.max(1, ...curve.map((p) => p[1]));
  const axis = document.createElementNS(SVG, "polyline");
  axis.setAttribute("points", `${pad},${pad / 2} ${pad},${h - pad} ${w - pad / 2},${h - pad}`);
  axis.setAttribute("fill", "none");
  axis.setAttribute("stroke", "#999");
  svg.append(axis);
  const line = document.createElementNS(SVG, "polyline");
  const points = [[0, 0], ...curve].map(([x, y]) =>
    `${pad + ((w - 1.5 * pad) * x) / maxX},${h - pad - ((h - 1.5 * pad) * y) / maxY}`);
  line.setAttribute("points", points.join(" "));
  line.setAttribute("fill", "none");
  line.setAttribute("stroke", "#22304a");
  line.setAttribute("stroke-width", "2");
  svg.append(line);
  const label = document.createElementNS(SVG, "text");
  label.setAttribute("x", pad + 4);
  label.setAttribute("y", pad);
  label.setAttribute("font-size", "11");
  label.textContent = `${maxY} responsive / ${maxX} reviewed`;
  svg.append(label);
}

async function tarStatus() {
  $("tar-error").textContent = "";
  try {
    const s = await api("GET", "/api/tar/status");
    $("tar-start-form").hidden = s.started;
    $("tar-next").hidden = !s.started;
    $("tar-status").textContent = s.started
      ? `Topic "${s.topic}": ${s.reviewed} reviewed, ${s.responsive} responsive, ` +
        `${s.rounds} rounds` + (s.knee_fired ? " — the knee rule says the review may stop" : "")
      : "No review started: give a seed text.";
    drawCurve(s.curve || []);
  } catch (e) {
    $("tar-error").textContent = e.message;
  }
}

$("tar-start-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    await api("POST", "/api/tar/start", { topic: "review", seed_text: $("tar-seed").value });
  } catch (e) {
    $("tar-error").textContent = e.message;
  }
  tarStatus();
});

$("tar-next").addEventListener("click", async () => {
  $("tar-error").textContent = "";
  try {
    const batch = await api("GET", "/api/tar/next");
    const list = $("tar-batch");
    list.replaceChildren();
    for (const item of batch.items) {
      const li = document.createElement("li");
      const title = document.createElement("span");
      title.textContent = `${item.id} ${item.title} `;
      li.append(title);
      for (const [label, responsive] of [["Responsive", true], ["Not responsive", false]]) {
        const b = document.createElement("button");
        b.textContent = label;
        b.addEventListener("click", async () => {
          try {
            await api("POST", "/api/tar/code", { ids: [item.id], responsive });
            li.remove();
            tarStatus();
          } catch (e) {
            $("tar-error").textContent = e.message;
          }
        });
        li.append(b);
      }
      list.append(li);
    }
    if (batch.items.length === 0) $("tar-status").textContent = "Nothing left to review.";
  } catch (e) {
    $("tar-error").textContent = e.message;
  }
});

// --- production --------------------------------------------------------------------------------

$("production-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("production-error").textContent = "";
  $("production-result").hidden = true;
  const body = { select: $("prod-select").value, prefix: $("prod-prefix").value,
                 volume: $("prod-volume").value };
  if ($("prod-withhold").value) body.withhold = $("prod-withhold").value;
  try {
    const r = await api("POST", "/api/productions", body);
    $("production-summary").textContent =
      `${r.volume}: ${r.documents} documents, ${r.pages} pages, ${r.first_bates}–${r.last_bates}; ` +
      `QC ${r.qc_passed ? "passed" : "FAILED"}; every item accounted for: ${r.balanced ? "yes" : "NO"}`;
    const qc = $("production-qc");
    qc.replaceChildren();
    for (const check of r.qc) {
      const li = document.createElement("li");
      li.className = check.passed ? "passed" : "failed";
      li.textContent = `${check.passed ? "✓" : "✗"} ${check.name}` +
        (check.problems.length ? `: ${check.problems.join("; ")}` : "");
      qc.append(li);
    }
    $("production-certificate").href = `/api/productions/${encodeURIComponent(r.volume)}/certificate`;
    $("production-result").hidden = false;
  } catch (e) {
    $("production-error").textContent = e.message;
  }
});

// --- the requester's status board ----------------------------------------------------------------

// A colour per status: greys before service, blues while the recipient works, greens when it has
// answered, warm colours when something is wrong.
const kStatusColours = {
  not_served: "#d0d0d0", issued: "#b3bac8", served: "#8aa4d6", acknowledged: "#5f83c9",
  waiting_on_requester: "#c9a7f0", extension_granted: "#9b7fe0", partial_production: "#f2c14e",
  production_complete: "#3a9d5d", no_responsive_documents: "#8fcb9b", deficient: "#e8833a",
  overdue: "#c62828", escalated: "#8e24aa", in_litigation: "#5d1049", closed: "#666666",
};

const words = (s) => s.replaceAll("_", " ");

function svgElement(name, attrs, title) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (title) {
    const t = document.createElementNS(SVG, "title");
    t.textContent = title;
    e.append(t);
  }
  return e;
}

// Recipients in each status per day, stacked in a demand's life order, with a dot under the axis
// on each day productions came in.
function drawBoardChart(board) {
  const svg = $("board-chart");
  svg.replaceChildren();
  let days = board.history.days;
  if (days.length === 1) days = [days[0], days[0]];  // one day still draws as a band
  const w = 760, h = 230, left = 34, right = 12, top = 12, bottom = 46;
  const total = Math.max(1, board.recipients.length);
  const n = days.length;
  const x = (i) => left + ((w - left - right) * i) / (n - 1);
  const y = (v) => top + (h - top - bottom) * (1 - v / total);
  const shown = board.statuses.filter((s) => days.some((d) => d.statuses[s]));
  const below = new Array(n).fill(0);
  for (const status of shown) {
    const above = days.map((d, i) => below[i] + (d.statuses[status] || 0));
    const points = [];
    for (let i = 0; i < n; i++) points.push(`${x(i)},${y(above[i])}`);
    for (let i = n - 1; i >= 0; i--) points.push(`${x(i)},${y(below[i])}`);
    const last = days[n - 1].statuses[status] || 0;
    svg.append(svgElement("polygon", {
      points: points.join(" "), fill: kStatusColours[status] || "#999", "data-status": status,
    }, `${words(status)}: ${last} on ${days[n - 1].date}`));
    above.forEach((v, i) => { below[i] = v; });
  }
  svg.append(svgElement("polyline", {
    points: `${left},${top} ${left},${y(0)} ${w - right},${y(0)}`, fill: "none", stroke: "#999",
  }));
  const label = (text, x0, y0, anchor) => {
    const t = svgElement("text", { x: x0, y: y0, "font-size": "11", "text-anchor": anchor || "start" });
    t.textContent = text;
    svg.append(t);
  };
  label(String(total), left - 4, top + 8, "end");
  label("0", left - 4, y(0), "end");
  label(days[0].date, left, h - 6);
  label(days[n - 1].date, w - right, h - 6, "end");
  label("recipients by status; ● productions received", (left + w - right) / 2, h - 6, "middle");
  days.forEach((d, i) => {
    if (d.productions > 0 && !(i === 1 && days[0] === days[1])) {
      svg.append(svgElement("circle", {
        cx: x(i), cy: y(0) + 12, r: Math.min(8, 3 + d.productions), fill: "#22304a",
        class: "production",
      }, `${d.date}: ${d.productions} production(s), ${d.documents} documents`));
    }
  });
  const legend = $("board-legend");
  legend.replaceChildren();
  for (const status of shown) {
    const item = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = kStatusColours[status] || "#999";
    item.append(swatch, `${words(status)} (${days[n - 1].statuses[status] || 0})`);
    legend.append(item);
  }
}

function cell(tr, text, cls) {
  const td = document.createElement("td");
  if (cls) td.className = cls;
  if (Array.isArray(text)) td.append(...text);
  else td.textContent = text;
  tr.append(td);
  return td;
}

function daysLeft(r) {
  if (r.days_left === null) return "—";
  if (!r.open) return "done";
  if (r.paused) return `${r.days_left} (paused)`;
  return String(r.days_left);
}

function drawBoardTable(board) {
  const body = $("board-table").tBodies[0];
  body.replaceChildren();
  for (const r of board.recipients) {
    const tr = document.createElement("tr");
    tr.dataset.recipient = r.recipient;
    if (r.overdue) tr.className = "overdue";
    const id = document.createElement("div");
    id.className = "id";
    id.textContent = r.recipient;
    cell(tr, [r.name, id]);
    cell(tr, r.agency);
    cell(tr, r.due ? `${r.due} ${r.due_time} ${r.time_zone}` : "—");
    cell(tr, daysLeft(r), "days");
    cell(tr, words(r.status) + (r.extended ? " (extended)" : "") + (r.overdue ? " — overdue" : ""));
    const volumes = r.productions.map((p) =>
      `${p.volume}: ${p.documents} documents, received ${p.received}` +
      (p.verified ? "" : ", NOT verified") + (p.late ? ", late" : ""));
    cell(tr, volumes.length ? `${volumes.length}: ${volumes.join("; ")}` : "—", r.late ? "late" : "");
    const open = Object.entries(r.open_deficiencies).map(([kind, count]) => `${count} ${words(kind)}`);
    cell(tr, open.length ? open.join(", ") : "—");
    body.append(tr);
  }
}

async function loadBoard() {
  $("board-error").textContent = "";
  const asOf = $("board-as-of").value;
  try {
    const board = await api("GET", "/api/demand/status" + (asOf ? `?as_of=${encodeURIComponent(asOf)}` : ""));
    $("board-as-of").value = board.as_of;
    const rows = board.recipients;
    const count = (f) => rows.filter(f).length;
    const volumes = rows.reduce((sum, r) => sum + r.productions.length, 0);
    $("board-summary").textContent =
      `${rows.length} recipients as of ${board.as_of}: ${count((r) => r.status !== "not_served")} served, ` +
      `${count((r) => r.overdue)} overdue, ${count((r) => !r.open)} answered; productions received: ${volumes}`;
    drawBoardTable(board);
    drawBoardChart(board);
    $("board-body").hidden = false;
  } catch (e) {
    $("board-body").hidden = true;
    $("board-summary").textContent = "";
    $("board-error").textContent = e.message;
  }
}

$("board-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  loadBoard();
});

// --- productions received (intake) ---------------------------------------------------------------

async function loadIntake() {
  $("intake-error").textContent = "";
  $("intake-note").textContent = "";
  const body = $("intake-table").tBodies[0];
  try {
    const r = await api("GET", "/api/intake");
    body.replaceChildren();
    for (const record of r.records) {
      const i = record.intake || {};
      const kinds = i.defects || {};  // defect kind -> how many, as the audit log keeps them
      const tr = document.createElement("tr");
      cell(tr, record.at);
      cell(tr, record.actor);
      cell(tr, i.recipient || "—");
      cell(tr, i.volume || "—");
      cell(tr, i.documents === undefined ? "—" : String(i.documents));
      cell(tr, i.verified ? "yes" : "NO", i.verified ? "passed" : "failed");
      cell(tr, Object.entries(kinds).map(([k, n]) => `${n} ${words(k)}`).join(", ") || "—");
      body.append(tr);
    }
    if (r.records.length === 0) $("intake-note").textContent = "No production has been received yet.";
  } catch (e) {
    $("intake-error").textContent = e.message;
  }
}

document.addEventListener("keydown", (ev) => {
  if ($("search-view").hidden || ev.target.tagName === "INPUT") return;
  if (ev.key === "j") openHit(state.current + 1);
  else if (ev.key === "k") openHit(state.current - 1);
  else if (ev.key === "r") code("responsive", "yes");
  else if (ev.key === "n") code("responsive", "no");
});

start();
