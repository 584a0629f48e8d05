// What the views read from a contract event: type, colour, date, places, actors, numbers.

// One colour per PLOVER type (violence warm, talk cool, the rest in between).
export const TYPE_COLOURS = {
  ASSAULT: "#d62728",
  COERCE: "#ff7f0e",
  THREATEN: "#e377c2",
  MOBILIZE: "#8c564b",
  ACCUSE: "#bcbd22",
  REJECT: "#7f7f7f",
  PROTEST: "#9467bd",
  DEMAND: "#c49c94",
  SANCTION: "#f7b6d2",
  REQUEST: "#17becf",
  CONSULT: "#1f77b4",
  COOPERATE: "#2ca02c",
  AGREE: "#98df8a",
  SUPPORT: "#aec7e8",
  AID: "#9edae5",
  CONCEDE: "#dbdb8d",
  RETREAT: "#c5b0d5",
};
export const OTHER_COLOUR = "#444444";
export const STANCES = ["asserted", "alleged", "denied", "reported"];

export const ploverType = (ev) => (ev && ev.plover && ev.plover.type) || "OTHER";
export const colour = (type) => TYPE_COLOURS[type] || OTHER_COLOUR;

/** "ASSAULT · Explosions/Remote violence: Shelling/artillery/missile attack" */
export function typeLabel(ev) {
  const acled = ev.acled ? `${ev.acled.event_type}: ${ev.acled.sub_event_type}` : null;
  return [ploverType(ev), ev.plover && ev.plover.mode, acled].filter(Boolean).join(" · ");
}

/** The event's first day (ISO), else the document's published date, else null. */
export function eventDay(row) {
  const ev = row.event || row;
  return (ev.date && ev.date.start) || (row.document && row.document.published) || null;
}

export function dateLabel(date) {
  if (!date || !date.start) return null;
  const range = date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
  return date.precision && date.precision !== "day" ? `${range} (${date.precision})` : range;
}

const simplify = (s) => (s || "").toLowerCase().replace(/^the\s+/, "").replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * A place's label: its gazetteer name, plus the name the report used when that differs
 * (a disputed or historical name, e.g. "Khankendi / Stepanakert"), plus any aliases the
 * record carries.
 */
export function placeNames(loc) {
  const names = [];
  for (const n of [loc.name, loc.text, ...(loc.aliases || loc.alt_names || [])]) {
    if (n && !names.some((m) => simplify(m) === simplify(n))) names.push(n);
  }
  return names;
}

export const placeLabel = (loc) => placeNames(loc).join(" / ");
export const isDisputedName = (loc) => placeNames(loc).length > 1 && loc.lat != null;

export function placesLabel(ev) {
  return (ev.locations || []).map(placeLabel).join("; ") || null;
}

export function countriesLabel(ev) {
  return [...new Set((ev.locations || []).map((l) => l.country).filter(Boolean))].join(", ") || null;
}

export function actorsLabel(ev, roles = null) {
  return (
    (ev.actors || [])
      .filter((a) => !roles || roles.includes(a.role))
      .map((a) => `${a.name || a.text}${a.country ? ` (${a.country})` : ""}`)
      .join(", ") || null
  );
}

export function countLabel(count) {
  if (!count) return null;
  if (count.min == null && count.max == null) return count.unspecified ? "unspecified" : null;
  return count.min === count.max || count.max == null ? String(count.min) : `${count.min}–${count.max}`;
}

export function claimantLabel(attribution) {
  const c = attribution && attribution.claimant;
  if (!c || !c.name) return null;
  return c.country ? `${c.name} (${c.country})` : c.name;
}

export const stanceOf = (ev) => (ev.attribution && ev.attribution.stance) || null;
