// The pictures of a training run, shared by the playground's Network view and the exported
// animation: the decision boundary with the points, the loss curve, and the sample graph whose
// numbers are rewritten in place by node id. Every text is set as text, never as HTML.
"use strict";

const TrainingView = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const el = (name, attrs) => {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  };
  const setText = (element, text) => { if (element.textContent !== text) element.textContent = text; };

  /** The boundary plot in `svg` (size×size): grid cells by class, the points, and `lines` (each [w0, w1, b], the zero line w0*x + w1*y + b = 0). */
  function boundary(svg, xs, ys, grid, points, lines, size) {
    svg.replaceChildren();
    svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
    const n = xs.length, dx = xs[1] - xs[0], dy = ys[1] - ys[0];
    const x0 = xs[0] - dx / 2, y0 = ys[0] - dy / 2, w = dx * n, h = dy * ys.length;
    const px = (x) => ((x - x0) / w) * size, py = (y) => size - ((y - y0) / h) * size;
    const cell = size / n, cellH = size / ys.length;
    if (grid) {
      for (let j = 0; j < ys.length; j++) for (let i = 0; i < n; i++) {
        const positive = grid[j * n + i] === "1";
        svg.append(el("rect", { x: i * cell, y: size - (j + 1) * cellH, width: cell + 0.5, height: cellH + 0.5,
                                fill: positive ? "#c7d7f7" : "#f7d0c7" }));
      }
    }
    for (const [w0, w1, b] of lines || []) {
      // w0*x + w1*y + b = 0 across the plot's box.
      const ends = [];
      if (Math.abs(w1) > 1e-12) for (const x of [x0, x0 + w]) ends.push([x, -(w0 * x + b) / w1]);
      else if (Math.abs(w0) > 1e-12) for (const y of [y0, y0 + h]) ends.push([-(w1 * y + b) / w0, y]);
      if (ends.length === 2) svg.append(el("line", { x1: px(ends[0][0]), y1: py(ends[0][1]), x2: px(ends[1][0]), y2: py(ends[1][1]),
                                                     class: "zero-line", stroke: "#555", "stroke-dasharray": "4 3" }));
    }
    points.forEach(([x, y, c], k) => {
      svg.append(el("circle", { cx: px(x), cy: py(y), r: 4.5, fill: c > 0 ? "#1d4ed8" : "#dc2626", stroke: "#000",
                                "stroke-width": 0.8, "data-index": k, class: "point" }));
    });
    return { toData: (sx, sy) => [x0 + (sx / size) * w, y0 + ((size - sy) / size) * h] };
  }

  /** The loss curve of `losses` (a number per step, some may be null) in `svg` (width×height), `marker` at step `at`. */
  function lossCurve(svg, losses, width, height, at) {
    svg.replaceChildren();
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const values = losses.filter((v) => typeof v === "number" && Number.isFinite(v));
    if (values.length === 0) return;
    const top = Math.max(...values), bottom = Math.min(0, ...values), span = top - bottom || 1;
    const steps = Math.max(losses.length - 1, 1), pad = 4;
    const x = (k) => pad + (k / steps) * (width - 2 * pad), y = (v) => height - pad - ((v - bottom) / span) * (height - 2 * pad);
    const path = losses.map((v, k) => (typeof v === "number" && Number.isFinite(v) ? `${x(k)},${y(v)}` : null)).filter(Boolean);
    svg.append(el("polyline", { points: path.join(" "), fill: "none", stroke: "#1d4ed8", "stroke-width": 1.5 }));
    if (at !== undefined && typeof losses[at] === "number") svg.append(el("circle", { cx: x(at), cy: y(losses[at]), r: 3, fill: "#dc2626" }));
    const label = el("text", { x: width - pad, y: 12, "text-anchor": "end", "font-size": 11, fill: "#555" });
    label.textContent = `max ${top.toPrecision(4)}`;
    svg.append(label);
  }

  /** The sample graph's boxes in `svg` by their titles (g3, n4): an updater of their data and grad texts. */
  function graph(svg) {
    const boxes = new Map();
    for (const g of svg.querySelectorAll("g.node")) {
      const title = g.querySelector("title");
      const texts = g.querySelectorAll("text");
      if (!title || texts.length < 2) continue;
      boxes.set(title.textContent, { data: texts[texts.length - 2], grad: texts[texts.length - 1] });
    }
    return (numbers) => {
      for (const [name, data, grad] of numbers) {
        const box = boxes.get(name);
        if (box) { setText(box.data, data); setText(box.grad, grad); }
      }
    };
  }

  return { boundary, lossCurve, graph, setText };
})();
