// The Network view: starts a training session (POST /api/train), follows its frames over
// server-sent events (GET /api/train/events), and sends play, pause, step, reset and points
// (POST /api/train/control). Pictures are drawn by TrainingView (training-view.js).
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const SIZE = 370;
  let run = null, source = null, losses = [], update = null, plot = null;

  function tab(network) {
    $("network").hidden = !network;
    $("expression").hidden = network;
    $("show-network").classList.toggle("on", network);
    $("show-expression").classList.toggle("on", !network);
  }

  function settings() {
    const body = {};
    const text = { preset: "net-preset", arch: "net-arch", dataset: "net-dataset", activation: "net-activation", loss: "net-loss" };
    for (const [key, id] of Object.entries(text)) if ($(id).value.trim() !== "") body[key] = $(id).value.trim();
    const numbers = { l2: "net-l2", lr: "net-lr", lrDecay: "net-decay", steps: "net-steps", seed: "net-seed", sample: "net-sample" };
    for (const [key, id] of Object.entries(numbers)) if ($(id).value.trim() !== "") body[key] = Number($(id).value);
    if ($("net-linear").checked) body.linearOutput = true;
    if ($("net-zero-bias").checked) body.zeroBias = true;
    return body;
  }

  function error(message) {
    $("net-error").hidden = !message;
    TrainingView.setText($("net-error"), message || "");
  }

  async function post(path, body) {
    const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error);
    return answer;
  }

  async function start() {
    if (source) source.close();
    error(null);
    try { run = await post("/api/train", settings()); } catch (e) { error(e.message); return; }
    losses = [];
    const doc = new DOMParser().parseFromString(run.svg, "image/svg+xml");
    $("net-picture").replaceChildren(document.importNode(doc.documentElement, true));
    update = TrainingView.graph($("net-picture").querySelector("svg"));
    const body = $("net-parameters").tBodies[0];
    body.replaceChildren(...run.labels.map((label) => {
      const row = document.createElement("tr");
      for (const text of [label, "", "", ""]) { const cell = document.createElement("td"); cell.textContent = text; row.append(cell); }
      return row;
    }));
    show(run.frame);
    source = new EventSource("/api/train/events?session=" + encodeURIComponent(run.session));
    source.onmessage = (event) => show(JSON.parse(event.data));
  }

  function show(frame) {
    if (frame.step === 0) losses = [];
    if (frame.loss !== null) losses[frame.step - 1] = frame.loss;
    TrainingView.setText($("net-status"), frame.loss === null ? `step 0 / ${frame.steps}`
      : `step ${frame.step} / ${frame.steps}  loss ${frame.loss.toPrecision(6)}  accuracy ${(frame.accuracy * 100).toFixed(1)}%`);
    TrainingView.lossCurve($("net-loss-curve"), losses, SIZE, 110, frame.step - 1);
    if (run.xs) {
      const lines = $("net-zero-lines").checked ? zeroLines(frame.parameters) : [];
      plot = TrainingView.boundary($("net-boundary"), run.xs, run.ys, frame.grid, frame.points, lines, SIZE);
    }
    update(frame.boxes);
    const rows = $("net-parameters").tBodies[0].rows;
    frame.parameters.forEach((p, k) => {
      for (let c = 0; c < 3; c++) {
        const cell = rows[k].cells[c + 1];
        TrainingView.setText(cell, p[c].toFixed(4));
        cell.className = p[c] > 0 ? "pos" : p[c] < 0 ? "neg" : "";
      }
    });
    $("net-boundary").dataset.step = frame.step;
  }

  /** [w0, w1, b] of each first-layer neuron: its parameters come first, weights then bias. */
  function zeroLines(parameters) {
    const width = run.labels.filter((l) => l.startsWith("L0N") && l.endsWith(".b")).length;
    return Array.from({ length: width }, (_, n) => parameters.slice(n * 3, n * 3 + 3).map((p) => p[0]));
  }

  async function control(action, extra) {
    if (!run) return;
    try { await post("/api/train/control", Object.assign({ session: run.session, action }, extra || {})); error(null); }
    catch (e) { error(e.message); }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("show-network").addEventListener("click", () => tab(true));
    $("show-expression").addEventListener("click", () => tab(false));
    $("net-start").addEventListener("click", start);
    for (const action of ["play", "pause", "step", "reset"]) $("net-" + action).addEventListener("click", () => control(action));
    $("net-export").addEventListener("click", () => { if (run) location.href = "/api/train/export?session=" + encodeURIComponent(run.session); });
    $("net-boundary").addEventListener("click", (e) => {
      if (!run || !plot) return;
      if (e.target.classList.contains("point")) { control("delete", { index: +e.target.dataset.index }); return; }
      const box = $("net-boundary").getBoundingClientRect();
      const [x, y] = plot.toData(((e.clientX - box.left) / box.width) * SIZE, ((e.clientY - box.top) / box.height) * SIZE);
      control("add", { x, y, class: e.shiftKey ? -1 : 1 });
    });
    if (location.hash === "#network") tab(true);
  });
})();
