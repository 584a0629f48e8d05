// The event page (#/event/ID, ID an event or a fused event): the fused happening, then every
// source's version side by side (claimant, stance, date, place, numbers), with the rows on
// which the versions disagree highlighted.
import * as api from "../api.js";
import { el, show } from "../dom.js";
import {
  actorsLabel,
  claimantLabel,
  colour,
  countLabel,
  dateLabel,
  placeLabel,
  placesLabel,
  ploverType,
  stanceOf,
  typeLabel,
} from "../model.js";

const range = (min, max) => (min == null && max == null ? null : min === max || max == null ? String(min) : `${min}–${max}`);

// Rows of the comparison: label, the server's disagreement name, the value of one version.
const ROWS = [
  ["Role", null, (v) => v.member.role],
  ["Document", null, (v) => v.document && (v.document.title || v.document.path || v.document.id)],
  ["Claimant", "claimant", (v) => (v.event ? claimantLabel(v.event.attribution) : v.member.claimant && v.member.claimant.name)],
  ["Stance", "stance", (v) => (v.event ? stanceOf(v.event) : v.member.stance)],
  ["Type", "category", (v) => (v.event ? typeLabel(v.event) : v.member.category)],
  ["Date", "date", (v) => (v.event ? dateLabel(v.event.date) : v.member.date && dateLabel(v.member.date))],
  ["Place", "locations", (v) => (v.event ? placesLabel(v.event) : (v.member.locations || []).join("; "))],
  ["Actor", null, (v) => v.event && actorsLabel(v.event, ["actor1"])],
  ["Other side", null, (v) => v.event && actorsLabel(v.event, ["actor2", "target", "victim"])],
  ["Dead", "fatalities", (v) => (v.event ? countLabel(v.event.fatalities) : range(v.member.fatalities.min, v.member.fatalities.max))],
  ["Hurt", "injuries", (v) => (v.event ? countLabel(v.event.injuries) : range(v.member.injuries.min, v.member.injuries.max))],
  ["Weapons", null, (v) => v.event && (v.event.weapons || []).join(", ")],
  ["Said", null, (v) => v.event && sentence(v.event)],
];

function sentence(ev) {
  const spans = ev.evidence || [];
  const s = spans.find((e) => e.field === "sentence") || spans.find((e) => e.field === "event");
  return s ? s.text : null;
}

export async function eventView(root, id) {
  root.replaceChildren(el("p", { class: "status" }, "Loading…"));
  try {
    let row = null;
    let fusedEvent = null;
    try {
      row = await api.event(id);
    } catch (err) {
      if (err.status !== 404) throw err;
      fusedEvent = await api.fused(id); // the id may be a fused event's
    }
    if (row && row.fused_id) fusedEvent = await api.fused(row.fused_id);
    const versions = fusedEvent
      ? [...fusedEvent.members, ...(fusedEvent.denials || [])].map((m) => ({ member: m, event: m.event, document: m.document }))
      : [{ member: { role: "version", event_id: row.event.id }, event: row.event, document: row.document }];
    root.replaceChildren(render(row, fusedEvent, versions, id));
  } catch (err) {
    root.replaceChildren(el("p", { class: "status error" }, `Event ${id}: ${err.message}`));
  }
}

function render(row, f, versions, requested) {
  const flagged = new Set((f && f.disagreements) || []);
  const head = f ? fusedHeader(f) : singleHeader(row);
  const columns = versions.map((v) => {
    const ev = v.event;
    const swatch = el("span", { class: "swatch" });
    swatch.style.backgroundColor = colour(ev ? ploverType(ev) : "OTHER");
    const isRequested = v.member.event_id === requested;
    return el(
      "th",
      { class: `version role-${v.member.role}${isRequested ? " requested" : ""}`, scope: "col" },
      swatch,
      el("a", { href: `#/event/${encodeURIComponent(v.member.event_id)}` }, v.member.event_id),
      isRequested ? el("span", { class: "badge" }, "this event") : null,
      v.document ? [el("br"), el("a", { href: `#/document/${encodeURIComponent(v.document.id)}`, class: "doc-link" }, "read the text")] : null,
    );
  });
  const body = ROWS.map(([label, name, get]) => {
    const values = versions.map((v) => get(v) ?? null);
    // A denial (REJECT) naturally differs from the claim it denies; compare the versions.
    const compared = values.filter((x, i) => versions[i].member.role !== "denial");
    const distinct = new Set(compared.filter((x) => x !== null && x !== "").map((x) => String(x)));
    const differs = (name && flagged.has(name)) || (label !== "Role" && label !== "Document" && label !== "Said" && distinct.size > 1);
    return el(
      "tr",
      { class: differs ? "disagree" : null, data: { field: label.toLowerCase() } },
      el("th", { scope: "row" }, label, differs ? el("span", { class: "flag", title: "the sources disagree" }, " ≠") : null),
      values.map((value, i) =>
        el("td", { class: label === "Stance" ? `stance-cell stance-${value}` : null, data: { role: versions[i].member.role } }, show(value)),
      ),
    );
  });
  return el(
    "section",
    { class: "event-page" },
    head,
    el("h2", {}, versions.length > 1 ? `${versions.length} versions, side by side` : "The version on record"),
    el("div", { class: "table-wrap" }, el("table", { class: "versions", id: "versions" }, el("thead", {}, el("tr", {}, el("th", {}), columns)), el("tbody", {}, body))),
  );
}

function fusedHeader(f) {
  const fat = f.fatalities || {};
  const swatch = el("span", { class: "swatch big" });
  swatch.style.backgroundColor = colour((f.plover && f.plover.type) || "OTHER");
  return el(
    "header",
    { class: "event-head" },
    el("h1", {}, swatch, [f.plover && f.plover.type, f.acled && f.acled.sub_event_type].filter(Boolean).join(" · ") || f.category || "Event"),
    el(
      "p",
      { class: "meta" },
      `fused event ${f.id} · ${show(dateLabel(f.date))} · ${show((f.places || []).map(placeLabel).join("; "))}`,
      ` · dead ${show(range(fat.min, fat.max))}`,
      fat.conflict ? el("span", { class: "badge conflict" }, "counts conflict") : null,
      f.contested ? el("span", { class: "badge contested" }, "contested") : null,
      ` · ${(f.documents || []).length} document(s)`,
    ),
  );
}

function singleHeader(row) {
  const ev = row.event;
  const swatch = el("span", { class: "swatch big" });
  swatch.style.backgroundColor = colour(ploverType(ev));
  return el("header", { class: "event-head" }, el("h1", {}, swatch, typeLabel(ev)), el("p", { class: "meta" }, `event ${ev.id} · not fused with other reports`));
}
