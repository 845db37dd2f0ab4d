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

function drawHistogram() {
  const svg = document.getElementById("histogram");
  const counts = new Map();
  for (const e of state.entries) counts.set(e.day, (counts.get(e.day) || 0) + 1);
  const n = Math.max(1, state.days.length);
  const peak = Math.max(1, ...counts.values());
  svg.setAttribute("viewBox", `0 0 ${n} 100`);
  svg.innerHTML = state.days.map((day, i) => {
    const h = (100 * (counts.get(day) || 0)) / peak;
    return `<rect data-index="${i}" x="${i + 0.1}" y="${100 - h}" width="0.8" height="${h}">`
      + `<title>${isoOf(day)}: ${counts.get(day) || 0}</title></rect>`;
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
    const i = Number(rect.dataset.index);
    rect.classList.toggle("in-range", i >= lo && i <= hi);
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

async function loadOutlines() {
  const topo = await (await fetch("/static/countries-110m.json")).json();
  const countries = topojson.feature(topo, topo.objects.countries);
  // One neutral style for every country: no colouring by sovereignty, no labels.
  L.geoJSON(countries, {
    interactive: false,
    pane: "outlines",
    style: { color: "#8f8f8f", weight: 0.7, fillColor: "#f4f2ee", fillOpacity: 1 },
  }).addTo(map);
}

async function loadEvents() {
  const params = new URLSearchParams(window.location.search);
  params.set("limit", params.get("limit") || "10000");
  const response = await fetch(`/api/events.geojson?${params}`);
  const data = await response.json();
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
