// A document's text with every evidence span marked (<mark>, linked to its event and field)
// and every removed furniture span greyed. Spans overlap (a sentence holds a trigger, an
// actor, a place…), so the text is cut at every span boundary and each piece is marked with
// the spans that cover it; the narrowest one gives its colour.
import { el } from "./dom.js";
import { ploverType } from "./model.js";

/**
 * Renders `text` into a <div class="doc-text">. events: contract events (with `evidence`);
 * removed: [{start, end, reason}]. onPick(spans) is called when a mark is clicked, with the
 * evidence spans under it ({event, field, start, end, text}).
 * Returns {node, showEvent(id)} — showEvent emphasises one event's spans (null: none).
 */
export function renderText(text, events, removed, onPick) {
  const spans = [];
  for (const ev of events) {
    for (const e of ev.evidence || []) {
      if (e.start >= 0 && e.end <= text.length && e.start < e.end) spans.push({ ...e, event: ev });
    }
  }
  const cuts = new Set([0, text.length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  for (const r of removed || []) cuts.add(Math.max(0, r.start)).add(Math.min(text.length, r.end));
  const points = [...cuts].sort((a, b) => a - b);

  const node = el("div", { class: "doc-text", id: "doc-text" });
  const marksByEvent = new Map();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const furniture = (removed || []).find((r) => r.start <= a && r.end >= b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (furniture) {
      node.append(el("span", { class: "removed", title: `removed: ${furniture.reason}` }, piece));
    } else if (!covering.length) {
      node.append(document.createTextNode(piece));
    } else {
      covering.sort((x, y) => x.end - x.start - (y.end - y.start));
      const inner = covering.find((s) => s.field !== "sentence") || covering[0];
      const fields = covering.filter((s) => s.field !== "sentence");
      const mark = el(
        "mark",
        {
          class: fields.length ? `evidence field-${inner.field}` : "evidence sentence",
          title: covering.map((s) => `${ploverType(s.event)} ${s.event.id} · ${s.field}`).join("\n"),
          tabindex: "0",
          data: { field: inner.field, event: inner.event.id },
          on: { click: () => onPick && onPick(covering) },
        },
        piece,
      );
      for (const s of covering) {
        if (!marksByEvent.has(s.event.id)) marksByEvent.set(s.event.id, []);
        marksByEvent.get(s.event.id).push(mark);
      }
      node.append(mark);
    }
  }

  function showEvent(id) {
    for (const m of node.querySelectorAll("mark.active")) m.classList.remove("active");
    for (const m of marksByEvent.get(id) || []) m.classList.add("active");
  }
  return { node, showEvent };
}
