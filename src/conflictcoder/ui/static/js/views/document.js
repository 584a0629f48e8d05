// The document page (#/document/ID): the text with every evidence span highlighted and
// linked to its event and field; furniture greyed; the document's events beside it.
import * as api from "../api.js";
import { eventCard } from "../cards.js";
import { el, show } from "../dom.js";
import { renderText } from "../highlight.js";
import { ploverType } from "../model.js";

export async function documentView(root, id) {
  root.replaceChildren(el("p", { class: "status" }, "Loading…"));
  let data;
  try {
    data = await api.documentById(id);
  } catch (err) {
    root.replaceChildren(el("p", { class: "status error" }, `Document ${id}: ${err.message}`));
    return;
  }
  root.replaceChildren(documentPanel(data.document, data.events.map((e) => e.event), { link: true }));
}

/** Header, highlighted text and event cards of one document (also used by the paste box). */
export function documentPanel(doc, events, options = {}) {
  const picked = el("div", { class: "picked", id: "picked", "aria-live": "polite" }, "Click a highlighted passage to see which event and field it supports.");
  const cards = events.map((ev) => eventCard(ev, options));
  const text = renderText(doc.text || "", events, doc.removed || [], (spans) => {
    picked.replaceChildren(
      el("strong", {}, "This passage is evidence for:"),
      el(
        "ul",
        {},
        spans.map((s) =>
          el("li", {}, el("span", { class: `field field-${s.field}` }, s.field), " of ", el("a", { href: `#/event/${encodeURIComponent(s.event.id)}` }, `${ploverType(s.event)} ${s.event.id}`)),
        ),
      ),
    );
    select(spans[0].event.id);
  });
  function select(eventId) {
    text.showEvent(eventId);
    for (const c of cards) c.classList.toggle("active", c.dataset.eventId === eventId);
  }
  for (const card of cards) {
    card.addEventListener("mouseenter", () => select(card.dataset.eventId));
  }
  const issuer = doc.issuer && doc.issuer.name ? `${doc.issuer.name}${doc.issuer.country ? ` (${doc.issuer.country})` : ""}` : null;
  return el(
    "section",
    { class: "document" },
    el(
      "header",
      { class: "doc-head" },
      el("h1", {}, doc.title || doc.path || doc.url || `Document ${doc.id}`),
      el(
        "p",
        { class: "meta" },
        `id ${show(doc.id)} · published ${show(doc.published)} · issuer ${show(issuer)}`,
        doc.dateline ? ` · dateline ${[doc.dateline.place, doc.dateline.date, doc.dateline.agency].filter(Boolean).join(", ")}` : "",
        doc.url ? [" · ", el("a", { href: doc.url, rel: "noopener noreferrer" }, "source")] : null,
      ),
      el(
        "p",
        { class: "legend-inline" },
        el("mark", { class: "evidence field-event" }, "event"),
        " ",
        el("mark", { class: "evidence field-actors" }, "actors"),
        " ",
        el("mark", { class: "evidence field-locations" }, "places"),
        " ",
        el("mark", { class: "evidence field-date" }, "date"),
        " ",
        el("mark", { class: "evidence field-attribution" }, "who says so"),
        " ",
        el("mark", { class: "evidence field-fatalities" }, "numbers"),
        " ",
        el("mark", { class: "evidence sentence" }, "sentence"),
        " ",
        el("span", { class: "removed" }, "removed furniture"),
      ),
    ),
    el("div", { class: "doc-body" }, text.node, el("aside", { class: "doc-events" }, picked, el("h2", {}, `${events.length} event${events.length === 1 ? "" : "s"}`), cards)),
  );
}
