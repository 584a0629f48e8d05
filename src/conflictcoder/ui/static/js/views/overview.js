// The overview (#/): filters, map, timeline (brush = date range) and the table of events.
// The timeline shows every event that the other filters let through, so brushing never
// hides its own context; the map and the table show the events inside the date range too.
import * as api from "../api.js";
import { el, show } from "../dom.js";
import { createMap } from "../map.js";
import {
  actorsLabel,
  claimantLabel,
  colour,
  countLabel,
  countriesLabel,
  dateLabel,
  placesLabel,
  ploverType,
  STANCES,
  stanceOf,
  typeLabel,
} from "../model.js";
import { createTimeline } from "../timeline.js";

const LIMIT = 1000; // the API's largest page
const FILTERS = ["since", "until", "type", "country", "stance", "source"];

/** Filters from the hash's query (#/?type=ASSAULT&since=…). */
function filtersFrom(params) {
  const out = {};
  for (const key of FILTERS) if (params.get(key)) out[key] = params.get(key);
  return out;
}

export function overviewView(root, params) {
  let filters = filtersFrom(params);
  let generation = 0; // answers to older requests are dropped
  const status = el("p", { class: "status", id: "status" });
  const input = (name, attrs) =>
    el("input", { name, id: `f-${name}`, value: filters[name] || "", ...attrs });
  const form = el(
    "form",
    { class: "filters", id: "filters", on: { submit: (e) => e.preventDefault() } },
    el("label", {}, "From ", input("since", { type: "date" })),
    el("label", {}, "To ", input("until", { type: "date" })),
    el("label", {}, "Type ", input("type", { list: "type-options", placeholder: "ASSAULT, Battles…" })),
    el("datalist", { id: "type-options" }),
    el("label", {}, "Country ", input("country", { list: "country-options", placeholder: "AZE", size: 5 })),
    el("datalist", { id: "country-options" }),
    el(
      "label",
      {},
      "Stance ",
      el(
        "select",
        { name: "stance", id: "f-stance" },
        el("option", { value: "" }, "any"),
        STANCES.map((s) => el("option", { value: s, selected: filters.stance === s }, s)),
      ),
    ),
    el("label", {}, "Source ", input("source", { placeholder: "claimant, path or URL" })),
    el("button", { type: "reset", id: "f-reset" }, "Clear"),
  );
  const mapBox = el("div", { class: "map", id: "map" });
  const legend = el("div", { class: "legend", id: "legend" });
  const timelineBox = el("div", { class: "timeline", id: "timeline" });
  const tbody = el("tbody", { id: "events-body" });
  const table = el(
    "table",
    { class: "events", id: "events-table" },
    el(
      "thead",
      {},
      el("tr", {}, ["Date", "Type", "Place", "Country", "Actor", "Dead", "Stance", "Claimant", "Event"].map((h) => el("th", {}, h))),
    ),
    tbody,
  );
  const exports = el(
    "p",
    { class: "exports" },
    "Download these events: ",
    ["acled-csv", "plover-json", "geojson", "parquet"].map((f, i) => [
      i ? " · " : "",
      el("a", { href: exportHref(f), class: "export", data: { format: f } }, f),
    ]),
  );
  root.replaceChildren(
    form,
    el("section", { class: "overview" }, el("div", { class: "map-wrap" }, mapBox, legend), el("div", { class: "timeline-wrap" }, el("h2", {}, "Timeline ", el("small", {}, "drag to choose dates, click to clear")), timelineBox)),
    status,
    el("div", { class: "table-wrap" }, table),
    exports,
  );

  const theMap = createMap(mapBox, legend);
  const timeline = createTimeline(timelineBox, (range) => {
    form.elements.since.value = (range && range.since) || "";
    form.elements.until.value = (range && range.until) || "";
    changed();
  });

  function exportHref(format) {
    const q = new URLSearchParams({ format, ...filters });
    return `/api/export?${q}`;
  }

  function readForm() {
    const out = {};
    for (const key of FILTERS) {
      const value = form.elements[key].value.trim();
      if (value) out[key] = value;
    }
    return out;
  }

  let timer = null;
  function changed() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      filters = readForm();
      // Keeps the filters in the address (shareable; back/forward work) without a reload.
      const q = new URLSearchParams(filters).toString();
      history.replaceState(null, "", `#/${q ? `?${q}` : ""}`);
      load();
    }, 250);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("reset", () => setTimeout(changed, 0));

  async function load() {
    const mine = ++generation;
    const { since, until, ...context } = filters;
    status.textContent = "Loading…";
    status.className = "status";
    try {
      const [page, all] = await Promise.all([
        api.events({ ...filters, limit: LIMIT }),
        since || until ? api.events({ ...context, limit: LIMIT }) : null,
      ]);
      if (mine !== generation) return;
      timeline.setRows((all || page).items);
      timeline.setSelection({ since, until });
      theMap.setRows(page.items);
      renderRows(page.items);
      status.textContent =
        page.total > page.items.length
          ? `${page.total} events match; the first ${page.items.length} are shown — narrow the filters to see the rest.`
          : `${page.total} event${page.total === 1 ? "" : "s"}`;
      for (const a of exports.querySelectorAll("a.export")) a.setAttribute("href", exportHref(a.dataset.format));
    } catch (err) {
      if (mine !== generation) return;
      status.textContent = `Could not load events: ${err.message}`;
      status.className = "status error";
    }
  }

  function renderRows(rows) {
    tbody.replaceChildren(
      ...rows.map((row) => {
        const ev = row.event;
        const swatch = el("span", { class: "swatch" });
        swatch.style.backgroundColor = colour(ploverType(ev));
        const stance = stanceOf(ev);
        return el(
          "tr",
          { class: `event-row row-${stance || "none"}`, data: { eventId: ev.id, type: ploverType(ev) } },
          el("td", { class: "date" }, show(dateLabel(ev.date) || row.document.published)),
          el("td", { class: "type" }, swatch, typeLabel(ev)),
          el("td", {}, show(placesLabel(ev))),
          el("td", {}, show(countriesLabel(ev))),
          el("td", {}, show(actorsLabel(ev, ["actor1"]))),
          el("td", { class: "num" }, show(countLabel(ev.fatalities))),
          el("td", {}, el("span", { class: `stance stance-${stance}` }, show(stance))),
          el("td", {}, show(claimantLabel(ev.attribution))),
          el(
            "td",
            {},
            el("a", { href: `#/event/${encodeURIComponent(ev.id)}`, class: "event-link" }, "event"),
            " · ",
            el("a", { href: `#/document/${encodeURIComponent(row.document.id)}` }, "text"),
          ),
        );
      }),
    );
  }

  api
    .stats()
    .then((stats) => {
      const options = (list) => (list || []).map((o) => el("option", { value: o.value }, `${o.count}`));
      form.querySelector("#type-options").replaceChildren(...options(stats.plover_types), ...options(stats.acled_event_types));
      form.querySelector("#country-options").replaceChildren(...options(stats.countries));
    })
    .catch(() => {}); // the options are a convenience; the filters work without them
  load();
  return () => {
    generation++; // answers arriving after the view is gone are dropped
    clearTimeout(timer);
    theMap.remove();
  };
}
