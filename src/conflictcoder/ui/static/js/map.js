// The map: Leaflet over an offline basemap (Natural Earth countries from world-atlas, drawn
// as a GeoJSON layer — no tile server), one circle per located place of an event.
// Popups and tooltips get DOM nodes, never strings (Leaflet would parse strings as HTML).
import { el } from "./dom.js";
import {
  colour,
  dateLabel,
  isDisputedName,
  placeLabel,
  ploverType,
  stanceOf,
  typeLabel,
} from "./model.js";

const L = window.L;
const BASEMAP_URL = "/static/vendor/world-atlas/countries-50m.json";
// ACLED geo precision 1 (exact town) small … 3 (region) large.
const RADIUS = { 1: 6, 2: 10, 3: 15 };
let basemap = null; // the GeoJSON of the countries, fetched once

async function countries() {
  if (!basemap) {
    const response = await fetch(BASEMAP_URL);
    if (!response.ok) throw new Error(`basemap: ${response.status}`);
    const topo = await response.json();
    basemap = window.topojson.feature(topo, topo.objects.countries);
  }
  return basemap;
}

/** The map inside `container`: {setRows(rows), legend}. */
export function createMap(container, legendContainer) {
  const map = L.map(container, {
    worldCopyJump: false,
    minZoom: 2,
    maxZoom: 12,
    maxBounds: [
      [-85, -200],
      [85, 200],
    ],
    attributionControl: true,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet · Natural Earth (world-atlas)");
  map.setView([40.3, 46], 6);
  map.createPane("basemap").style.zIndex = 200;
  let removed = false;
  countries()
    .then((geo) =>
      removed ||
      L.geoJSON(geo, {
        pane: "basemap",
        interactive: false,
        style: { color: "#9aa5b1", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map),
    )
    .catch((err) => container.parentElement.append(el("p", { class: "error" }, String(err))));
  const points = L.layerGroup().addTo(map);

  function setRows(rows) {
    points.clearLayers();
    const bounds = [];
    const types = new Set();
    for (const row of rows) {
      const ev = row.event;
      for (const loc of ev.locations || []) {
        if (loc.lat == null || loc.lon == null) continue;
        const type = ploverType(ev);
        types.add(type);
        const marker = L.circleMarker([loc.lat, loc.lon], {
          radius: RADIUS[loc.precision] || RADIUS[3],
          color: colour(type),
          weight: 1.5,
          fillColor: colour(type),
          fillOpacity: stanceOf(ev) === "denied" ? 0.15 : 0.45,
          dashArray: stanceOf(ev) === "denied" ? "3 3" : null,
          className: `point point-${type}`,
        });
        marker.bindPopup(() => popup(row, loc));
        const disputed = isDisputedName(loc);
        marker.bindTooltip(el("span", {}, placeLabel(loc)), {
          permanent: disputed,
          direction: "right",
          className: disputed ? "place-label disputed" : "place-label",
        });
        marker.addTo(points);
        bounds.push([loc.lat, loc.lon]);
      }
    }
    if (bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 7, animate: false });
    renderLegend(legendContainer, types);
  }

  /** Removes the map (stops any animation first: Leaflet fails on a removed, moving map). */
  function remove() {
    removed = true;
    map.stop();
    map.remove();
  }

  return { map, setRows, remove };
}

function popup(row, loc) {
  const ev = row.event;
  return el(
    "div",
    { class: "popup" },
    el("strong", {}, typeLabel(ev)),
    el("div", {}, dateLabel(ev.date) || row.document.published || "undated"),
    el("div", {}, `${placeLabel(loc)} (precision ${loc.precision ?? "?"})`),
    el("div", {}, `${stanceOf(ev) || "?"} · ${(ev.attribution && ev.attribution.claimant && ev.attribution.claimant.name) || "unknown claimant"}`),
    el("a", { href: `#/event/${encodeURIComponent(ev.id)}` }, "event page"),
    " · ",
    el("a", { href: `#/document/${encodeURIComponent(row.document.id)}` }, "document"),
  );
}

function renderLegend(container, types) {
  if (!container) return;
  container.replaceChildren(
    el("span", { class: "legend-title" }, "Type"),
    ...[...types].sort().map((type) => {
      const swatch = el("span", { class: "swatch" });
      swatch.style.backgroundColor = colour(type);
      return el("span", { class: "legend-item" }, swatch, type);
    }),
    el("span", { class: "legend-title" }, "Precision"),
    ...[1, 2, 3].map((p) => {
      const dot = el("span", { class: `dot dot-${p}` });
      return el("span", { class: "legend-item" }, dot, ["town", "district", "region"][p - 1]);
    }),
    el("span", { class: "legend-item" }, el("span", { class: "dot dot-denied" }), "denied claim"),
  );
}
