// The playground page: sends the program, inputs and picture options to POST /api/graph as you
// type or drag (debounced), shows the SVG, steps through the walkthrough's frames with ← / →,
// and shows a clicked node's chain rule. Every text from the server is set as text, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 120;
const WARMUP = "e = a*b\nd = e + c\nL = d*f";

/** What the page asks for; the URL fragment holds it (p=program, i.NAME=value, stage, rankdir, color). */
const state = { program: WARMUP, inputs: { a: 2, b: -3, c: 10, f: -2 }, stage: "backward", rankdir: "LR", color: "role" };
let answer = null;     // the last good answer of /api/graph
let nodes = [];        // by node id: { g, data, grad, gradText } of the picture's value boxes
let ops = [], edges = [];
let step = null;       // the walkthrough frame shown (0-based), or null for the result
let chosen = null;     // the node whose chain rule is shown
let sent = 0, timer = null;

function setText(element, text) { if (element.textContent !== text) element.textContent = text; }

// ---- the URL fragment ----

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (!params.has("p")) return;
  state.program = params.get("p");
  state.inputs = {};
  for (const [key, value] of params) {
    if (key.startsWith("i.") && value.trim() !== "" && Number.isFinite(+value)) state.inputs[key.slice(2)] = +value;
  }
  for (const key of ["stage", "rankdir", "color"]) if (params.has(key)) state[key] = params.get(key);
}

function writeHash() {
  const params = new URLSearchParams({ p: state.program });
  const taken = answer ? new Set(answer.inputs.map((i) => i.name)) : null;
  for (const [name, value] of Object.entries(state.inputs)) if (!taken || taken.has(name)) params.set("i." + name, value);
  for (const key of ["stage", "rankdir", "color"]) params.set(key, state[key]);
  const hash = "#" + params.toString();
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

// ---- talking to the server ----

function request(extra) {
  return { program: state.program, inputs: state.inputs, stage: state.stage, rankdir: state.rankdir, color: state.color, ...extra };
}

async function post(path, body) {
  return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

/** Re-renders after a pause in typing or dragging. */
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(render, DEBOUNCE_MS);
}

async function render() {
  const mine = ++sent;
  $("picture").classList.add("stale");
  let response, body;
  try {
    response = await post("/api/graph", request());
    body = await response.json();
  } catch (error) {
    if (mine === sent) showError("cannot reach the server: " + error.message);
    return;
  }
  if (mine !== sent) return;  // a newer request is on its way
  if (response.status === 503) {
    timer = setTimeout(render, 1000 * (+response.headers.get("Retry-After") || 1));
    return;
  }
  if (!response.ok) {
    showError(body.line ? `line ${body.line}, column ${body.column}: ${body.error}` : body.error);
    return;
  }
  showError(null);
  show(body);
}

function showError(message) {
  $("picture").classList.toggle("stale", message !== null);
  $("program").classList.toggle("bad", message !== null);
  $("error").hidden = message === null;
  setText($("error"), message || "");
}

// ---- the picture ----

function show(next) {
  answer = next;
  const svg = new DOMParser().parseFromString(answer.svg, "image/svg+xml").documentElement;
  if (svg.nodeName !== "svg") { showError("the server sent a picture that does not parse"); return; }
  $("picture").replaceChildren(document.importNode(svg, true));
  indexPicture();
  syncInputs();
  writeHash();
  step = null;
  if (chosen !== null && chosen >= answer.nodes.length) chosen = null;
  showStep();
  showRule();
}

/** Finds the value boxes (n4, or bn4 in the "after backward" half of stage both), ops and edges. */
function indexPicture() {
  nodes = []; ops = []; edges = [];
  const prefix = answer && state.stage === "both" ? "b" : "";
  const value = new RegExp(`^${prefix}n(\\d+)(op)?$`), edge = new RegExp(`^${prefix}n\\d+(?:op)?->${prefix}n(\\d+)(?:op)?$`);
  for (const g of $("picture").querySelectorAll("g.node")) {
    const m = value.exec(g.querySelector("title").textContent);
    if (!m) continue;
    if (m[2]) { ops[+m[1]] = g; continue; }
    const texts = g.querySelectorAll("text");  // label (if any), "data …", "grad …"
    const grad = texts[texts.length - 1], data = texts[texts.length - 2];
    nodes[+m[1]] = { g, data, grad, dataText: data.textContent, gradText: grad.textContent };
    g.addEventListener("click", () => { chosen = +m[1]; showRule(); });
  }
  for (const g of $("picture").querySelectorAll("g.edge")) {
    const m = edge.exec(g.querySelector("title").textContent);
    if (m) edges.push({ g, into: +m[1] });
  }
}

// ---- inputs: a slider and a number box each ----

function syncInputs() {
  const box = $("inputs");
  const rows = new Map([...box.children].map((row) => [row.dataset.name, row]));
  for (const input of answer.inputs) {
    let row = rows.get(input.name);
    if (!row) row = makeRow(input.name);
    rows.delete(input.name);
    box.appendChild(row);  // in the program's order
    row.classList.toggle("random", input.source === "random");
    const value = typeof input.value === "number" ? input.value : 0;
    const [slider, number] = row.querySelectorAll("input");
    const reach = Math.max(5, Math.ceil(Math.abs(value) * 2));
    if (document.activeElement !== slider) { slider.min = -reach; slider.max = reach; slider.value = value; }
    if (document.activeElement !== number) number.value = value;
  }
  for (const row of rows.values()) row.remove();
}

function makeRow(name) {
  const row = document.createElement("div");
  row.className = "input";
  row.dataset.name = name;
  const label = document.createElement("span");
  label.className = "name";
  label.textContent = name;
  label.title = name;
  const slider = document.createElement("input");
  slider.type = "range"; slider.step = "0.01";
  slider.setAttribute("aria-label", name);
  const number = document.createElement("input");
  number.type = "number"; number.step = "any";
  number.setAttribute("aria-label", name + " value");
  slider.addEventListener("input", () => { number.value = slider.value; setInput(name, +slider.value); });
  number.addEventListener("input", () => { if (number.value !== "" && Number.isFinite(+number.value)) setInput(name, +number.value); });
  row.append(label, slider, number);
  return row;
}

function setInput(name, value) {
  state.inputs[name] = value;
  schedule();
}

// ---- stepping through backward ----

/** Shows frame `step` of the walkthrough (grads as of that frame), or the result when step is null. */
function showStep() {
  const steps = answer.steps, last = steps.length - 1;
  const frame = step === null ? null : steps[step];
  const grads = nodes.map(() => answer.zero);
  if (frame) for (let s = 0; s <= step; s++) for (const c of steps[s].grads) grads[c.node] = c.text;
  const changed = new Set(frame ? frame.grads.map((c) => c.node) : []);
  const pending = (id) => frame !== null && frame.kind === "forward" && id > frame.node;
  nodes.forEach((v, id) => {
    if (!v) return;
    v.g.classList.toggle("pending", pending(id));
    v.g.classList.toggle("current", frame !== null && id === frame.node);
    v.g.classList.toggle("changed", changed.has(id));
    setText(v.data, pending(id) ? "data ?" : v.dataText);
    setText(v.grad, frame ? "grad " + grads[id] : v.gradText);
  });
  ops.forEach((g, id) => {
    if (!g) return;
    g.classList.toggle("pending", pending(id));
    g.classList.toggle("current", frame !== null && id === frame.node && frame.kind !== "seed");
  });
  for (const e of edges) {
    e.g.classList.toggle("pending", pending(e.into));
    e.g.classList.toggle("active", frame !== null && e.into === frame.node && frame.kind !== "seed");
  }
  setText($("text"), frame ? frame.text : "The result. ← / → step through the forward and backward passes.");
  setText($("counter"), frame ? `step ${step + 1} / ${last + 1}` : `${last + 1} steps`);
}

function go(to) {
  if (!answer) return;
  const last = answer.steps.length - 1;
  step = to === null ? null : Math.max(0, Math.min(last, to));
  showStep();
}

// ---- a node's chain rule ----

/** The clicked node's forward step, each contribution that sums into its grad, and the total. */
function showRule() {
  nodes.forEach((v, id) => v.g.classList.toggle("chosen", id === chosen));
  if (chosen === null || !answer) return;
  const node = answer.nodes[chosen];
  const name = node.label || "n" + chosen;
  const lines = [];
  const contributions = [];
  for (const s of answer.steps) {
    if (s.kind === "forward" && s.node === chosen) lines.push(s.text.trimEnd());
    if (s.kind === "seed" && s.node === chosen) contributions.push(s.text.trimEnd());
    if (s.kind !== "backward") continue;
    const text = s.text.split("\n");
    s.grads.forEach((c, j) => { if (c.node === chosen) contributions.push(text[0] + "\n  " + text[j + 1]); });
  }
  if (contributions.length === 0) lines.push(`${name} does not reach the result: its grad stays 0`);
  else if (contributions.length === 1) lines.push(contributions[0]);
  else {
    lines.push(`${name} is used ${contributions.length} times; its grad is the sum of the contributions:`);
    contributions.forEach((c, k) => lines.push(`(${k + 1}) ${c}`));
  }
  lines.push(`${name}.grad = ${node.grad}`);
  setText($("rule"), lines.join("\n"));
}

// ---- downloads: the files the CLI writes ----

async function download(format) {
  const response = await post("/api/picture", request({ format }));
  if (!response.ok) { showError((await response.json()).error); return; }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url; a.download = "graph." + format;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- wiring ----

function start() {
  readHash();
  $("program").value = state.program;
  for (const key of ["stage", "rankdir", "color"]) {
    $(key).value = state[key];
    $(key).addEventListener("change", () => { state[key] = $(key).value; render(); });
  }
  $("program").addEventListener("input", () => { state.program = $("program").value; schedule(); });
  $("prev").addEventListener("click", () => go(step === null ? answer.steps.length - 1 : step - 1));
  $("next").addEventListener("click", () => go(step === null ? 0 : step + 1));
  $("done").addEventListener("click", () => go(null));
  for (const format of ["svg", "png", "dot"]) $("get-" + format).addEventListener("click", () => download(format));
  document.addEventListener("keydown", (event) => {
    const tag = event.target.tagName;
    if (tag === "TEXTAREA" || tag === "INPUT" || tag === "SELECT" || !answer) return;
    const last = answer.steps.length - 1;
    const to = { ArrowLeft: step === null ? last : step - 1, ArrowRight: step === null ? 0 : step + 1,
                 Home: 0, End: last, Escape: null }[event.key];
    if (to !== undefined) { go(to); event.preventDefault(); }
  });
  window.addEventListener("hashchange", () => {
    const before = location.hash;
    readHash();
    if ($("program").value !== state.program) $("program").value = state.program;
    if (before === location.hash) render();
  });
  render();
}

start();
