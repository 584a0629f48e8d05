// One event as a card (the paste box and the document page list events this way).
import { el, show } from "./dom.js";
import {
  actorsLabel,
  claimantLabel,
  colour,
  countLabel,
  dateLabel,
  placesLabel,
  ploverType,
  stanceOf,
  typeLabel,
} from "./model.js";

/** A card for a contract event; options.link adds a link to its event page. */
export function eventCard(ev, options = {}) {
  const swatch = el("span", { class: "swatch" });
  swatch.style.backgroundColor = colour(ploverType(ev));
  const row = (label, value) => (value ? el("div", { class: "kv" }, el("dt", {}, label), el("dd", {}, value)) : null);
  const stance = stanceOf(ev);
  const actors = (ev.actors || []).map((a) =>
    el("li", {}, el("span", { class: "role" }, a.role), " ", a.name || a.text, a.country ? ` (${a.country})` : "", a.name && a.text && a.name !== a.text ? el("span", { class: "said" }, ` “${a.text}”`) : null),
  );
  return el(
    "article",
    { class: `event-card card-${stance || "none"}`, data: { eventId: ev.id } },
    el(
      "header",
      {},
      swatch,
      el("strong", { class: "type" }, typeLabel(ev)),
      " ",
      el("span", { class: `stance stance-${stance}` }, show(stance)),
      options.link ? [" ", el("a", { href: `#/event/${encodeURIComponent(ev.id)}` }, "event page")] : null,
    ),
    el(
      "dl",
      {},
      row("Date", dateLabel(ev.date)),
      row("Places", placesLabel(ev)),
      row("Claimant", claimantLabel(ev.attribution)),
      row("Via", (ev.attribution && (ev.attribution.via || []).map((p) => p && p.name).filter(Boolean).join(", ")) || null),
      row("Dead", countLabel(ev.fatalities)),
      row("Hurt", countLabel(ev.injuries)),
      row("Weapons", (ev.weapons || []).join(", ") || null),
      row("Confidence", ev.confidence != null ? String(ev.confidence) : null),
    ),
    actors.length ? el("ul", { class: "actors" }, actors) : null,
    el(
      "details",
      { class: "evidence-list" },
      el("summary", {}, `Evidence (${(ev.evidence || []).length})`),
      el(
        "ul",
        {},
        (ev.evidence || []).map((e) => el("li", {}, el("span", { class: `field field-${e.field}` }, e.field), " ", e.text)),
      ),
    ),
  );
}

