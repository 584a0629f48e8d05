// The timeline: an SVG histogram of events by day (by week over long spans), stacked by
// type colour, with a brush — drag across it to choose a date range, click to clear.
import { clear, svg } from "./dom.js";
import { colour, eventDay, ploverType } from "./model.js";

const WIDTH = 1000;
const HEIGHT = 120;
const PAD = { left: 30, right: 10, top: 8, bottom: 22 };
const DAY = 86400000;
const MAX_DAY_BINS = 120;

const toTime = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (t) => new Date(t).toISOString().slice(0, 10);

/** A timeline in `container`; onBrush({since, until} | null) is called when the range changes. */
export function createTimeline(container, onBrush) {
  let scale = null; // {t0, t1, step}
  let brushRect = null;
  let dragFrom = null;
  let selection = null;
  const root = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: "timeline-svg",
    role: "img",
    "aria-label":
      "Timeline brush: events by date; drag to choose a date range, click to clear. " +
      "With the keyboard, type the range in the From and To date fields.",
    "aria-describedby": "timeline-hint",
  });
  container.replaceChildren(root);

  const xOf = (t) =>
    PAD.left + ((t - scale.t0) / (scale.t1 - scale.t0)) * (WIDTH - PAD.left - PAD.right);
  const tOf = (x) =>
    scale.t0 + ((x - PAD.left) / (WIDTH - PAD.left - PAD.right)) * (scale.t1 - scale.t0);

  function svgX(event) {
    const box = root.getBoundingClientRect();
    return ((event.clientX - box.left) / box.width) * WIDTH;
  }

  function snap(t) {
    const bins = Math.round((t - scale.t0) / scale.step);
    return scale.t0 + Math.max(0, Math.min(bins, (scale.t1 - scale.t0) / scale.step)) * scale.step;
  }

  function drawBrush(a, b) {
    const [x0, x1] = [xOf(Math.min(a, b)), xOf(Math.max(a, b))];
    brushRect.setAttribute("x", x0);
    brushRect.setAttribute("width", Math.max(0, x1 - x0));
  }

  root.addEventListener("pointerdown", (event) => {
    if (!scale) return;
    dragFrom = snap(tOf(svgX(event)));
    root.setPointerCapture(event.pointerId);
    drawBrush(dragFrom, dragFrom);
  });
  root.addEventListener("pointermove", (event) => {
    if (dragFrom === null) return;
    drawBrush(dragFrom, snap(tOf(svgX(event))));
  });
  root.addEventListener("pointerup", (event) => {
    if (dragFrom === null) return;
    const to = snap(tOf(svgX(event)));
    const [a, b] = [Math.min(dragFrom, to), Math.max(dragFrom, to)];
    dragFrom = null;
    if (b - a < scale.step) {
      setSelection(null);
      onBrush(null);
    } else {
      setSelection({ since: toIso(a), until: toIso(b - DAY) });
      onBrush(selection);
    }
  });

  /** Draws the histogram of rows (EventRows). */
  function setRows(rows) {
    clear(root);
    const days = rows.map(eventDay).filter(Boolean).map(toTime).filter(Number.isFinite);
    if (!days.length) {
      scale = null;
      root.append(svg("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "empty" }, "no dated events"));
      return;
    }
    const first = Math.min(...days);
    const last = Math.max(...days);
    const step = (last - first) / DAY + 1 > MAX_DAY_BINS ? 7 * DAY : DAY;
    const t0 = step === DAY ? first - DAY : first - (((new Date(first).getUTCDay() + 6) % 7) * DAY);
    const nBins = Math.floor((last - t0) / step) + 2;
    scale = { t0, t1: t0 + nBins * step, step };

    const bins = Array.from({ length: nBins }, () => new Map());
    for (const row of rows) {
      const day = eventDay(row);
      if (!day) continue;
      const i = Math.floor((toTime(day) - t0) / step);
      const type = ploverType(row.event);
      bins[i].set(type, (bins[i].get(type) || 0) + 1);
    }
    const peak = Math.max(...bins.map((b) => [...b.values()].reduce((s, n) => s + n, 0)));
    const barW = (WIDTH - PAD.left - PAD.right) / nBins;
    const yOf = (n) => ((HEIGHT - PAD.top - PAD.bottom) * n) / peak;

    root.append(svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: HEIGHT - PAD.bottom, y2: HEIGHT - PAD.bottom, class: "axis" }));
    root.append(svg("text", { x: PAD.left - 4, y: PAD.top + 8, "text-anchor": "end", class: "tick" }, String(peak)));
    bins.forEach((bin, i) => {
      let y = HEIGHT - PAD.bottom;
      const t = t0 + i * step;
      for (const [type, n] of [...bin.entries()].sort()) {
        const h = yOf(n);
        y -= h;
        const bar = svg("rect", {
          x: xOf(t) + 0.5,
          y,
          width: Math.max(1, barW - 1),
          height: h,
          fill: colour(type),
          class: "bar",
        });
        bar.append(svg("title", {}, `${toIso(t)}${step > DAY ? " (week)" : ""}: ${n} ${type}`));
        root.append(bar);
      }
    });
    // Ticks: about eight labelled dates.
    const every = Math.max(1, Math.ceil(nBins / 8));
    for (let i = 0; i < nBins; i += every) {
      const t = t0 + i * step;
      root.append(svg("text", { x: xOf(t) + barW / 2, y: HEIGHT - 6, "text-anchor": "middle", class: "tick" }, toIso(t)));
    }
    brushRect = svg("rect", { x: 0, y: PAD.top, width: 0, height: HEIGHT - PAD.top - PAD.bottom, class: "brush" });
    root.append(brushRect);
    if (selection) setSelection(selection);
  }

  /** Shows a range chosen elsewhere (the date inputs); null clears it. */
  function setSelection(range) {
    selection = range && (range.since || range.until) ? range : null;
    if (!brushRect || !scale) return;
    if (!selection) {
      brushRect.setAttribute("width", 0);
      return;
    }
    const a = selection.since ? toTime(selection.since) : scale.t0;
    const b = selection.until ? toTime(selection.until) + DAY : scale.t1;
    drawBrush(Math.max(a, scale.t0), Math.min(b, scale.t1));
  }

  return { setRows, setSelection };
}
