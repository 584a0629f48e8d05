// The overview (#/): filters, map, timeline (brush = date range) and the table of events.
// The timeline shows every event that the other filters let through, so brushing never
// hides its own context; the map shows the events inside the date range too (up to the
// API's largest page); the table pages through them (limit/offset) and sorts the page
// shown (the API has no order parameter: it answers by start date, then event id).
// The filters, the page and the sort live in the hash (#/?type=ASSAULT&limit=50&offset=100).
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
  eventDay,
  placesLabel,
  ploverType,
  STANCES,
  stanceOf,
  typeLabel,
} from "../model.js";
import { createTimeline } from "../timeline.js";

const MAP_LIMIT = 1000; // the API's largest page
const PAGE_SIZES = [50, 100, 500];
const DEFAULT_SIZE = 100;
const FILTERS = ["since", "until", "type", "country", "stance", "status", "source"];
// The API gives current events (the reports' news) unless asked for others or "all".
const STATUSES = [
  ["", "news (current)"],
  ["all", "all, labelled"],
  ["background", "background"],
  ["generic", "generic"],
  ["hypothetical", "hypothetical"],
];

const deaths = (ev) => (ev.fatalities ? ev.fatalities.max ?? ev.fatalities.min ?? null : null);
// The sortable columns: the hash's `sort` is a key, or -key for descending.
const COLUMNS = [
  { key: "date", label: "Date", value: (row) => eventDay(row) },
  { key: "type", label: "Type", value: (row) => typeLabel(row.event) },
  { key: "place", label: "Place", value: (row) => placesLabel(row.event) },
  { key: "country", label: "Country", value: (row) => countriesLabel(row.event) },
  { key: "actor", label: "Actor", value: (row) => actorsLabel(row.event, ["actor1"]) },
  { key: "dead", label: "Dead", value: (row) => deaths(row.event) },
  { key: "stance", label: "Stance", value: (row) => stanceOf(row.event) },
  { key: "status", label: "Status", value: (row) => row.event.status || "current" },
  { key: "claimant", label: "Claimant", value: (row) => claimantLabel(row.event.attribution) },
];

/** Filters, page and sort from the hash's query; malformed values fall back to defaults. */
function stateFrom(params) {
  const filters = {};
  for (const key of FILTERS) if (params.get(key)) filters[key] = params.get(key);
  const limit = Number(params.get("limit"));
  const offset = Number(params.get("offset"));
  const sort = params.get("sort") || "";
  return {
    filters,
    limit: Number.isInteger(limit) && limit >= 1 && limit <= MAP_LIMIT ? limit : DEFAULT_SIZE,
    offset: Number.isInteger(offset) && offset >= 0 ? offset : 0,
    sort: COLUMNS.some((c) => c.key === sort.replace(/^-/, "")) ? sort : "",
  };
}

/** The hash that reopens this state (defaults left out). */
function hashOf(state) {
  const q = new URLSearchParams(state.filters);
  if (state.limit !== DEFAULT_SIZE) q.set("limit", state.limit);
  if (state.offset) q.set("offset", state.offset);
  if (state.sort) q.set("sort", state.sort);
  const text = q.toString();
  return `#/${text ? `?${text}` : ""}`;
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** rows sorted by sort ("key" or "-key"); empty values last either way; ties keep API order. */
function sortRows(rows, sort) {
  const column = COLUMNS.find((c) => c.key === sort.replace(/^-/, ""));
  if (!column) return rows;
  const sign = sort.startsWith("-") ? -1 : 1;
  const keyed = rows.map((row, i) => ({ row, i, v: column.value(row) }));
  const empty = (v) => v === null || v === undefined || v === "";
  keyed.sort((a, b) => {
    if (empty(a.v) || empty(b.v)) return empty(a.v) - empty(b.v) || a.i - b.i;
    const c = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : collator.compare(String(a.v), String(b.v));
    return sign * c || a.i - b.i;
  });
  return keyed.map((k) => k.row);
}

export function overviewView(root, params) {
  const state = stateFrom(params);
  let filters = state.filters;
  let pageGen = 0; // answers to older requests are dropped
  let mapGen = 0;
  let pageRows = [];
  const status = el("p", { class: "status", id: "status", "aria-live": "polite" });
  const input = (name, attrs) =>
    el("input", { name, id: `f-${name}`, value: filters[name] || "", ...attrs });
  // The date fields are the keyboard's way to the timeline's range (the brush is pointer-only).
  const dateAttrs = { type: "date", "aria-describedby": "timeline-hint", "aria-controls": "timeline" };
  const form = el(
    "form",
    { class: "filters", id: "filters", on: { submit: (e) => e.preventDefault() } },
    el("label", { for: "f-since" }, "From ", input("since", dateAttrs)),
    el("label", { for: "f-until" }, "To ", input("until", dateAttrs)),
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
    el(
      "label",
      {},
      "Status ",
      el(
        "select",
        { name: "status", id: "f-status" },
        STATUSES.map(([value, label]) => el("option", { value, selected: (filters.status || "") === value }, label)),
      ),
    ),
    el("label", {}, "Source ", input("source", { placeholder: "claimant, path or URL" })),
    el("button", { type: "reset", id: "f-reset" }, "Clear"),
  );
  const mapBox = el("div", { class: "map", id: "map" });
  const legend = el("div", { class: "legend", id: "legend" });
  const timelineBox = el("div", { class: "timeline", id: "timeline" });
  const tbody = el("tbody", { id: "events-body" });
  const sortButtons = COLUMNS.map((c) =>
    el("button", { type: "button", class: "sort", data: { sort: c.key }, on: { click: () => sortBy(c.key) } }, c.label),
  );
  const headers = COLUMNS.map((c, i) => el("th", { scope: "col", data: { col: c.key } }, sortButtons[i]));
  const table = el(
    "table",
    { class: "events", id: "events-table" },
    el("thead", {}, el("tr", {}, headers, el("th", { scope: "col" }, "Event"))),
    tbody,
  );
  const prev = el("button", { type: "button", id: "page-prev", on: { click: () => turn(-1) } }, "← Previous");
  const next = el("button", { type: "button", id: "page-next", on: { click: () => turn(1) } }, "Next →");
  const pageInfo = el("span", { id: "page-info", class: "page-info", "aria-live": "polite" });
  const sizes = [...new Set([...PAGE_SIZES, state.limit])].sort((a, b) => a - b);
  const sizeSelect = el(
    "select",
    { id: "page-size", name: "page-size", on: { change: () => resize(Number(sizeSelect.value)) } },
    sizes.map((n) => el("option", { value: n, selected: n === state.limit }, String(n))),
  );
  const pager = el(
    "nav",
    { class: "pager", id: "pager", "aria-label": "pages of events" },
    prev,
    pageInfo,
    next,
    el("label", {}, "Rows per page ", sizeSelect),
    el("small", { class: "sort-note" }, "A click on a column heading sorts the rows of this page."),
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
  const hint = el(
    "small",
    { id: "timeline-hint" },
    "drag to choose dates, click to clear; with the keyboard, type the dates in From and To",
  );
  root.replaceChildren(
    form,
    el("section", { class: "overview" }, el("div", { class: "map-wrap" }, mapBox, legend), el("div", { class: "timeline-wrap" }, el("h2", {}, "Timeline ", hint), timelineBox)),
    status,
    pager,
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

  // Paging and sorting add history entries (Back returns to the previous page); typing in
  // the filters replaces the current one.
  function remember(push) {
    const hash = hashOf({ ...state, filters });
    if (push) history.pushState(null, "", hash);
    else history.replaceState(null, "", hash);
  }

  const sameFilters = (a, b) => FILTERS.every((key) => (a[key] || "") === (b[key] || ""));

  let timer = null;
  function changed() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const read = readForm();
      // A field left after an edit fires "change" once more, and the timeline reports its
      // range again: when the filters are the ones shown, the page and the sort stay.
      if (sameFilters(read, filters)) return;
      filters = read;
      state.offset = 0; // other filters, other pages
      remember(false);
      loadMap();
      loadPage();
    }, 250);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("reset", () => setTimeout(changed, 0));

  function turn(direction) {
    state.offset = Math.max(0, state.offset + direction * state.limit);
    remember(true);
    loadPage();
  }

  function resize(limit) {
    state.offset = Math.floor(state.offset / limit) * limit; // keeps the first row in view
    state.limit = limit;
    remember(true);
    loadPage();
  }

  function sortBy(key) {
    // ascending → descending → the API's order
    state.sort = state.sort === key ? `-${key}` : state.sort === `-${key}` ? "" : key;
    remember(false);
    renderRows();
  }

  async function loadMap() {
    const mine = ++mapGen;
    const { since, until, ...context } = filters;
    status.textContent = "Loading…";
    status.className = "status";
    try {
      const [shown, all] = await Promise.all([
        api.events({ ...filters, limit: MAP_LIMIT }),
        since || until ? api.events({ ...context, limit: MAP_LIMIT }) : null,
      ]);
      if (mine !== mapGen) return;
      timeline.setRows((all || shown).items);
      timeline.setSelection({ since, until });
      theMap.setRows(shown.items);
      const n = shown.items.length;
      status.textContent =
        shown.total > n
          ? `${shown.total} events match; the map shows ${n} of them (the first ${n} by date) — narrow the filters to map the rest.`
          : `${shown.total} event${shown.total === 1 ? "" : "s"}`;
      for (const a of exports.querySelectorAll("a.export")) a.setAttribute("href", exportHref(a.dataset.format));
    } catch (err) {
      if (mine !== mapGen) return;
      status.textContent = `Could not load events: ${err.message}`;
      status.className = "status error";
    }
  }

  async function loadPage() {
    const mine = ++pageGen;
    pageInfo.textContent = "Loading…";
    prev.disabled = true;
    next.disabled = true;
    try {
      const page = await api.events({ ...filters, limit: state.limit, offset: state.offset });
      if (mine !== pageGen) return;
      if (!page.items.length && page.total > 0 && state.offset > 0) {
        // A linked page past the end (the store changed since): go to the last page.
        state.offset = Math.floor((page.total - 1) / state.limit) * state.limit;
        remember(false);
        loadPage();
        return;
      }
      pageRows = page.items;
      renderRows();
      const last = state.offset + page.items.length;
      pageInfo.textContent = page.total
        ? `events ${state.offset + 1}–${last} of ${page.total}`
        : "no events match";
      prev.disabled = state.offset === 0;
      next.disabled = last >= page.total;
    } catch (err) {
      if (mine !== pageGen) return;
      pageRows = [];
      renderRows();
      pageInfo.textContent = `Could not load this page: ${err.message}`;
    }
  }

  function renderRows() {
    headers.forEach((th, i) => {
      const key = COLUMNS[i].key;
      const order = state.sort === key ? "ascending" : state.sort === `-${key}` ? "descending" : "none";
      th.setAttribute("aria-sort", order);
    });
    tbody.replaceChildren(
      ...sortRows(pageRows, state.sort).map((row) => {
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
          el("td", {}, el("span", { class: `status status-${ev.status || "current"}` }, ev.status || "current")),
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
  loadMap();
  loadPage();
  return () => {
    mapGen++; // answers arriving after the view is gone are dropped
    pageGen++;
    clearTimeout(timer);
    theMap.remove();
  };
}
