// polemos web map: offline Leaflet map of events with a day timeline.
// Everything it loads comes from this server (no tiles, no CDN).
"use strict";

const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
const OTHER_COLOUR = "#7f7f7f";
const DAY_MS = 86400000;

const map = L.map("map", { minZoom: 1, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: true });
map.setView([25, 20], 2);
// Outlines get their own pane under the markers' overlay pane, whatever loads first.
map.createPane("outlines").style.zIndex = 350;
map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
const markerLayer = L.layerGroup().addTo(map);
const state = { entries: [], days: [], hiddenTypes: new Set(), unlocated: 0 };

function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function colourOf(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }

function popupHtml(p) {
  const rows = [
    ["date", p.event_date], ["type", `${p.event_type} / ${p.sub_event_type}`],
    ["where", [p.location, p.admin1, p.country].filter(Boolean).join(", ")],
    ["actors", [p.actor1, p.actor2].filter(Boolean).join(" vs ")],
    ["fatalities", p.fatalities], ["injured", p.injured ?? "—"],
    ["modality", p.modality + (p.attribution ? ` (${p.attribution})` : "")],
    ["sources", `${p.source_count} (${p.source || "—"})`],
  ];
  const facts = rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`);
  const quotes = (p.mentions || []).map((m) =>
    `<blockquote>${escapeHtml(m.sentence)}<div class="doc">${escapeHtml(m.doc_id)}</div></blockquote>`);
  return `<div class="popup"><h3>${escapeHtml(p.sub_event_type)}</h3><dl>${facts.join("")}</dl>`
    + quotes.join("") + "</div>";
}

function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / DAY_MS); }
function isoOf(dayNum) { return new Date(dayNum * DAY_MS).toISOString().slice(0, 10); }

function buildEntries(features) {
  const located = features.filter((f) => f.geometry && f.geometry.type === "Point");
  state.unlocated = features.length - located.length;
  state.entries = located.map((f) => {
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    const colour = colourOf(p.event_type);
    const marker = L.circleMarker([lat, lon], {
      radius: 5 + Math.min(12, Math.sqrt(p.fatalities || 0)), color: "#333", weight: 1,
      fillColor: colour, fillOpacity: 0.8, className: "event-marker",
    }).bindPopup(popupHtml(p), { maxWidth: 360 });
    return { marker, day: dayNumber(p.event_date), type: p.event_type };
  });
  const nums = state.entries.map((e) => e.day);
  if (nums.length === 0) { state.days = []; return; }
  const first = Math.min(...nums);
  const last = Math.max(...nums);
  state.days = Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function selectedRange() {
  const a = Number(document.getElementById("from").value);
  const b = Number(document.getElementById("to").value);
  return [Math.min(a, b), Math.max(a, b)];
}

const MAX_BARS = 120;

// Days grouped into at most MAX_BARS bars so a long period still draws visible bars.
function bins() {
  const size = Math.max(1, Math.ceil(state.days.length / MAX_BARS));
  const count = Math.ceil(state.days.length / size);
  const totals = new Array(count).fill(0);
  const first = state.days[0];
  for (const e of state.entries) totals[Math.floor((e.day - first) / size)] += 1;
  return { size, totals };
}

function drawHistogram() {
  const svg = document.getElementById("histogram");
  const { size, totals } = bins();
  const peak = Math.max(1, ...totals);
  svg.setAttribute("viewBox", `0 0 ${Math.max(1, totals.length)} 100`);
  svg.innerHTML = totals.map((n, i) => {
    const h = n ? Math.max(4, (100 * n) / peak) : 0;
    const start = isoOf(state.days[0] + i * size);
    const end = isoOf(Math.min(state.days[0] + (i + 1) * size - 1, state.days.at(-1)));
    const when = size === 1 ? start : `${start} – ${end}`;
    return `<rect data-first="${i * size}" data-last="${(i + 1) * size - 1}" x="${i + 0.1}"`
      + ` y="${100 - h}" width="0.8" height="${h}"><title>${when}: ${n}</title></rect>`;
  }).join("");
}

function apply() {
  const [lo, hi] = selectedRange();
  const from = state.days[lo];
  const to = state.days[hi];
  let visible = 0;
  for (const e of state.entries) {
    const show = e.day >= from && e.day <= to && !state.hiddenTypes.has(e.type);
    if (show) { visible += 1; markerLayer.addLayer(e.marker); } else { markerLayer.removeLayer(e.marker); }
  }
  for (const rect of document.querySelectorAll("#histogram rect")) {
    const overlaps = Number(rect.dataset.first) <= hi && Number(rect.dataset.last) >= lo;
    rect.classList.toggle("in-range", overlaps);
  }
  const label = state.days.length ? `${isoOf(from)} – ${isoOf(to)}` : "no events";
  document.getElementById("range-label").textContent = label;
  document.getElementById("count").textContent = `${visible} of ${state.entries.length} events shown`;
  document.body.dataset.visible = String(visible);
}

function buildLegend() {
  const legend = document.getElementById("legend");
  legend.innerHTML = "";
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    const item = document.createElement("li");
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.dataset.type = type;
    box.addEventListener("change", () => {
      if (box.checked) state.hiddenTypes.delete(type); else state.hiddenTypes.add(type);
      apply();
    });
    const swatch = document.createElement("span");
    swatch.className = "swatch"; swatch.style.background = colour;
    item.append(box, swatch, document.createTextNode(type));
    legend.append(item);
  }
}

function setUpSliders() {
  for (const id of ["from", "to"]) {
    const input = document.getElementById(id);
    input.max = String(Math.max(0, state.days.length - 1));
    input.value = id === "from" ? "0" : input.max;
    input.addEventListener("input", apply);
  }
}

// Rings cut at the antimeridian (Russia, Fiji) jump from +180 to -180 and would draw a line
// across the whole map; continuing them past 180 keeps each outline where it belongs.
function unwrapRing(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    let x = lon;
    if (out.length) {
      const previous = out[out.length - 1][0];
      while (x - previous > 180) x -= 360;
      while (x - previous < -180) x += 360;
    }
    out.push([x, lat]);
  }
  return out;
}

function unwrapGeometry(geometry) {
  if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrapRing);
  if (geometry.type === "MultiPolygon") {
    geometry.coordinates = geometry.coordinates.map((polygon) => polygon.map(unwrapRing));
  }
}

async function loadOutlines() {
  const topo = await (await fetch("/static/countries-110m.json")).json();
  const countries = topojson.feature(topo, topo.objects.countries);
  // Antarctica (ISO 010) only adds a band of outline along the bottom of a Mercator map.
  countries.features = countries.features.filter((f) => f.id !== "010");
  countries.features.forEach((f) => unwrapGeometry(f.geometry));
  // One neutral style for every country: no colouring by sovereignty, no labels.
  L.geoJSON(countries, {
    interactive: false,
    pane: "outlines",
    noClip: true,  // clipped polygons draw their cut edge as a stray line
    style: { color: "#8f8f8f", weight: 0.7, fillColor: "#f4f2ee", fillOpacity: 1 },
  }).addTo(map);
}

async function loadEvents() {
  const params = new URLSearchParams(window.location.search);
  params.set("limit", params.get("limit") || "10000");
  const response = await fetch(`/api/events.geojson?${params}`);
  const data = await response.json();
  if (!response.ok) throw new Error(JSON.stringify(data.detail ?? data));
  buildEntries(data.features || []);
  document.getElementById("unlocated").textContent =
    state.unlocated ? `${state.unlocated} events without coordinates are not drawn.` : "";
  drawHistogram();
  setUpSliders();
  apply();
  if (state.entries.length) {
    const bounds = L.latLngBounds(state.entries.map((e) => e.marker.getLatLng()));
    map.fitBounds(bounds.pad(0.3), { maxZoom: 7 });
  }
}

// A small handle for scripts and tests: set the timeline range by day index.
window.polemosMap = {
  days: () => state.days.map(isoOf),
  setRange(from, to) {
    document.getElementById("from").value = String(from);
    document.getElementById("to").value = String(to);
    apply();
  },
};

buildLegend();
Promise.all([loadOutlines(), loadEvents()])
  .then(() => { document.body.dataset.ready = "1"; })
  .catch((error) => {
    document.getElementById("count").textContent = `could not load: ${error}`;
    document.body.dataset.ready = "error";
  });
