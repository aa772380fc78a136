// The map and timeline page. Data comes from the JSON API, asked with the page's filters: the
// overview (the incidents with the most killed and wounded, up to MARKERS, how many match, and
// casualties per day), the episodes and the ceasefires; nothing is loaded whole and filtered here,
// so the page costs the same over a hundred incidents or a hundred thousand. Every text from
// articles is put in the page with textContent or as an attribute value, never parsed as HTML.
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const PAGE_SIZE = 500;
  const MARKERS = 500;
  const DAY_MS = 86400000;
  const FILTERS = ["date_from", "date_to", "type", "actor", "region"];
  // PLOVER event types most often seen in conflict reporting; other types get a colour from the
  // spare list, in order of first appearance, so one type keeps one colour on a page.
  const TYPE_COLOURS = {
    ASSAULT: "#c0392b",
    FIGHT: "#e67e22",
    COERCE: "#8e44ad",
    THREATEN: "#d35400",
    PROTEST: "#27ae60",
    SANCTION: "#2980b9",
    MOBILIZE: "#16a085",
  };
  const SPARE_COLOURS = ["#7f8c8d", "#2c3e50", "#b8860b", "#6d214f", "#1e6f5c", "#5b4b8a"];

  const body = document.body;
  const statusLine = document.getElementById("status");
  const form = document.getElementById("filters");
  const state = {
    incidents: [],
    total: 0,
    days: [],
    undated: 0,
    episodes: [],
    ceasefires: [],
    map: null,
    markers: null,
    adminDrawn: new Set(),
    request: 0,
  };

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    return node;
  }

  function say(text) {
    statusLine.textContent = text;
  }

  async function fetchJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(url + " answered " + response.status);
    return response.json();
  }

  // One page of a collection (PAGE_SIZE items at most): the page shows a bounded number.
  async function fetchPage(path, params) {
    const query = new URLSearchParams(params || {});
    query.set("limit", String(PAGE_SIZE));
    const body = await fetchJson(path + "?" + query.toString());
    return { items: body.items, more: Boolean(body.next_cursor) };
  }

  // The API's query parameters for the filters (the API checks them; a bad one answers 4xx).
  function apiParams(filters, names) {
    const params = {};
    for (const name of names || FILTERS) {
      const value = filters[name];
      if (value) params[name] = name === "type" ? value.toUpperCase() : value;
    }
    return params;
  }

  // -- values read from incidents ---------------------------------------------------------------

  function dayOf(text) {
    if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
    const time = Date.parse(text + "T00:00:00Z");
    return Number.isNaN(time) ? null : time;
  }

  function isoDay(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  // Killed plus wounded: the incident's figures as the API sums them (best estimates).
  function casualtyCount(incident) {
    return (incident.killed || 0) + (incident.wounded || 0);
  }

  // Where the marker goes: the incident's main place (the API gives its coordinates).
  function mainPlace(incident) {
    if (typeof incident.lat !== "number" || typeof incident.lon !== "number") return null;
    const place = incident.place || {};
    return { lat: incident.lat, lon: incident.lon, country: place.country || null };
  }

  const spareColours = {};
  function typeColour(type) {
    if (TYPE_COLOURS[type]) return TYPE_COLOURS[type];
    if (!spareColours[type]) {
      const used = Object.keys(spareColours).length;
      spareColours[type] = SPARE_COLOURS[used % SPARE_COLOURS.length];
    }
    return spareColours[type];
  }

  function regionNames(incident) {
    const names = new Set(incident.countries || []);
    const place = incident.place || {};
    for (const value of [place.admin1, place.country]) if (value) names.add(value);
    return names;
  }

  // -- filters, kept in the URL -------------------------------------------------------------------

  function readFilters() {
    const params = new URLSearchParams(window.location.search);
    const filters = {};
    for (const name of FILTERS) filters[name] = (params.get(name) || "").trim();
    return filters;
  }

  function showFilters(filters) {
    for (const name of FILTERS) {
      const input = form.elements.namedItem(name);
      if (input) input.value = filters[name];
    }
  }

  function formFilters() {
    const filters = {};
    for (const name of FILTERS) {
      const input = form.elements.namedItem(name);
      filters[name] = input ? input.value.trim() : "";
    }
    return filters;
  }

  function filtersUrl(filters) {
    const params = new URLSearchParams();
    for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
    const query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function contains(names, wanted) {
    const needle = wanted.toLowerCase();
    for (const name of names) if (String(name).toLowerCase().includes(needle)) return true;
    return false;
  }

  function overlaps(start, end, from, to) {
    if (start === null) return false;
    const last = end === null ? start : end;
    return !(from !== null && last < from) && !(to !== null && start > to);
  }

  // Ask the API for what the filters select, then draw it. A newer call wins over a slower
  // older one, so quick changes of the filters never leave an older answer on the page.
  async function load(filters, withTypes) {
    const request = ++state.request;
    say("Loading incidents…");
    const dates = apiParams(filters, ["date_from", "date_to"]);
    const asked = { ...apiParams(filters), limit: String(MARKERS) };
    if (withTypes) asked.types = "true"; // the type choices: asked once, with the first load
    const [overview, episodes] = await Promise.all([
      fetchJson("/api/overview?" + new URLSearchParams(asked)),
      fetchPage("/api/episodes", dates),
    ]);
    if (request !== state.request) return false;
    state.incidents = overview.incidents;
    state.total = overview.total;
    state.days = overview.days;
    state.undated = overview.undated;
    if (overview.types) state.types = overview.types;
    state.episodes = episodes.items;
    state.moreEpisodes = episodes.more;
    return true;
  }

  function apply(filters) {
    const shown = state.incidents;
    const dated = filters.date_from || filters.date_to;
    const narrowed = filters.type || filters.actor || filters.region;
    const withIncidents = new Set(shown.map((incident) => incident.episode).filter(Boolean));
    const from = dayOf(filters.date_from);
    const to = dayOf(filters.date_to);
    // The API gives the episodes overlapping the dates; other filters keep those with an
    // incident shown.
    const episodes = state.episodes.filter((episode) => !narrowed || withIncidents.has(episode.id));
    const ceasefires = state.ceasefires.filter((ceasefire) => {
      const span = ceasefireSpan(ceasefire);
      if (dated && (span === null || !overlaps(span[0], span[1], from, to))) return false;
      if (filters.actor) {
        return contains([...(ceasefire.parties || []), ...(ceasefire.mediators || [])], filters.actor);
      }
      return !filters.type && !filters.region;
    });
    drawMap(shown);
    drawAdminBoundaries();
    drawTimeline(shown, episodes, ceasefires, from, to);
    listEpisodes(episodes, shown);
    listIncidents(shown);
    const hidden = state.total - shown.length;
    let line = state.total + " incidents match";
    if (hidden > 0) {
      line += " · the " + shown.length + " with the most killed and wounded are shown · " + hidden + " more not shown";
    }
    line += " · " + episodes.length + (state.moreEpisodes ? "+" : "") + " episodes · " + ceasefires.length + " ceasefires";
    say(line);
    fillRegions();
  }

  function fillChoices(actors) {
    const types = (state.types || []).map((entry) => entry.type).sort();
    const select = form.elements.namedItem("type");
    const chosen = readFilters().type;
    select.replaceChildren(el("option", "any"));
    select.firstChild.value = "";
    for (const type of types) {
      const option = el("option", type);
      option.value = type;
      select.appendChild(option);
    }
    select.value = types.includes(chosen.toUpperCase()) ? chosen.toUpperCase() : "";
    // The API filters by actor id; each option shows the actor's name beside its id.
    const list = document.getElementById("actor-names");
    list.replaceChildren(
      ...actors.map((actor) => {
        const option = document.createElement("option");
        option.value = actor.id;
        option.label = actor.name + (actor.country ? " (" + actor.country + ")" : "");
        return option;
      })
    );
  }

  function fillRegions() {
    const values = state.incidents.flatMap((incident) => [...regionNames(incident)]);
    const unique = [...new Set(values)].sort().slice(0, 300);
    document.getElementById("region-names").replaceChildren(
      ...unique.map((value) => {
        const option = document.createElement("option");
        option.value = value;
        return option;
      })
    );
  }

  // -- map --------------------------------------------------------------------------------------

  function setUpMap() {
    if (body.dataset.assets !== "yes" || typeof window.L === "undefined") return;
    const L = window.L;
    const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 });
    map.createPane("basemap").style.zIndex = "250";
    map.createPane("incidents").style.zIndex = "450";
    map.setView([30, 20], 2);
    const tileUrl = body.dataset.tileUrl || "";
    if (tileUrl) {
      const host = new URL(tileUrl.replace(/\{[a-z]\}/g, "a")).hostname.replace(/[^A-Za-z0-9.-]/g, "");
      L.tileLayer(tileUrl, { attribution: "Tiles: " + host, pane: "tilePane" }).addTo(map);
    }
    map.attributionControl.addAttribution("Boundaries: Natural Earth");
    state.map = map;
    state.markers = L.layerGroup().addTo(map);
    state.renderer = L.svg({ pane: "incidents" });
    fetchJson("/dashboard/vendor/world-atlas/countries-50m.json")
      .then((topology) => {
        const countries = window.topojson.feature(topology, topology.objects.countries);
        for (const feature of countries.features) unwrapAntimeridian(feature.geometry);
        L.geoJSON(countries, {
          pane: "basemap",
          interactive: false,
          style: { color: "#8a8170", weight: 0.8, fillColor: "#f3efe4", fillOpacity: tileUrl ? 0.2 : 1 },
        }).addTo(map);
      })
      .catch((error) => say("The country boundaries could not be loaded: " + error.message));
  }

  // Rings that cross the 180th meridian (eastern Russia, Fiji) would be drawn with edges spanning
  // the whole map; moving their western longitudes east by 360 degrees keeps them in one piece.
  function unwrapAntimeridian(geometry) {
    if (!geometry) return;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    for (const polygon of polygons) {
      for (const ring of polygon) {
        const east = ring.some((point) => point[0] > 170);
        const west = ring.some((point) => point[0] < -170);
        if (east && west) for (const point of ring) if (point[0] < 0) point[0] += 360;
      }
    }
  }

  function drawAdminBoundaries() {
    if (!state.map || body.dataset.admin1 !== "yes") return;
    // Only the countries the markers stand in: a capital named in passing (a claimant's seat)
    // does not pull in the provinces of a whole continent-sized country.
    const codes = new Set();
    for (const incident of state.incidents) {
      const place = mainPlace(incident);
      if (place && place.country && /^[A-Z]{2}$/.test(place.country)) codes.add(place.country);
    }
    // Each country once per page, and only a few: borders are a detail, not worth a flood of
    // requests when the largest incidents are spread over the world.
    for (const code of [...codes].filter((c) => !state.adminDrawn.has(c)).slice(0, 12)) {
      state.adminDrawn.add(code);
      fetchJson("/dashboard/admin1/" + code + ".json")
        .then((regions) =>
          window.L.geoJSON(regions, {
            pane: "basemap",
            interactive: false,
            style: { color: "#b3a98f", weight: 0.6, dashArray: "3 3", fill: false },
          }).addTo(state.map)
        )
        .catch(() => {}); // admin boundaries are a detail: the map stands without them
    }
  }

  function popupFor(incident, count) {
    const box = el("div", null, "popup");
    box.appendChild(el("strong", incident.summary || incident.type));
    box.appendChild(el("div", (incident.start || "date unknown") + " · " + incident.type));
    box.appendChild(el("div", count + " killed or wounded (best estimates)"));
    const link = el("a", "Open the incident: claims and evidence");
    link.href = "/incidents/" + encodeURIComponent(incident.id);
    link.className = "incident-link";
    box.appendChild(link);
    return box;
  }

  function drawMap(incidents) {
    if (!state.map) return;
    const L = window.L;
    state.markers.clearLayers();
    const placed = [];
    for (const incident of incidents) {
      const place = mainPlace(incident);
      if (place) placed.push({ incident, place, count: casualtyCount(incident) });
    }
    // Larger circles first, so a smaller one on the same spot stays on top and clickable.
    placed.sort((a, b) => b.count - a.count);
    const bounds = [];
    for (const { incident, place, count } of placed) {
      const marker = L.circleMarker([place.lat, place.lon], {
        pane: "incidents",
        renderer: state.renderer,
        radius: Math.min(40, 6 + 3 * Math.sqrt(count)),
        color: "#222",
        weight: 1.2,
        fillColor: typeColour(incident.type),
        fillOpacity: 0.75,
        className: "incident-marker",
      });
      marker.bindPopup(popupFor(incident, count));
      marker.addTo(state.markers);
      const path = marker.getElement();
      if (path) {
        path.setAttribute("data-incident", incident.id);
        path.setAttribute("aria-label", incident.summary || incident.type);
      }
      bounds.push([place.lat, place.lon]);
    }
    if (bounds.length) state.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 7 });
    drawLegend(incidents);
  }

  function drawLegend(incidents) {
    const legend = document.getElementById("legend");
    const types = [...new Set(incidents.map((incident) => incident.type))].sort();
    legend.replaceChildren(
      ...types.map((type) => {
        const item = el("span", null, "legend-item");
        const swatch = svg("svg", { width: 12, height: 12, "aria-hidden": "true" });
        swatch.appendChild(svg("circle", { cx: 6, cy: 6, r: 5, fill: typeColour(type) }));
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(" " + type));
        return item;
      })
    );
    if (types.length) legend.appendChild(el("span", "circle size: killed and wounded", "muted"));
  }

  // -- timeline ---------------------------------------------------------------------------------

  function ceasefireSpan(ceasefire) {
    const days = [ceasefire.start, ...(ceasefire.states || []).map((s) => s.date)]
      .map(dayOf)
      .filter((day) => day !== null);
    if (!days.length) return null;
    const collapsed = (ceasefire.states || []).find((s) => s.state === "collapsed" && dayOf(s.date) !== null);
    const end = collapsed ? dayOf(collapsed.date) : Math.max(...days);
    return [Math.min(...days), end];
  }

  function drawTimeline(incidents, episodes, ceasefires, from, to) {
    const box = document.getElementById("timeline");
    const width = Math.max(480, box.clientWidth || 900);
    const height = 230;
    const undatedWidth = 120;
    const left = 10;
    const right = width - undatedWidth - 20;
    const chart = svg("svg", { width, height, viewBox: "0 0 " + width + " " + height, role: "img" });
    chart.appendChild(svg("title")).textContent = "Incidents and casualties by day, with episodes and ceasefires";

    const days = [];
    for (const entry of state.days) days.push(dayOf(entry.day));
    for (const incident of incidents) days.push(dayOf(incident.start), dayOf(incident.end));
    for (const episode of episodes) days.push(dayOf(episode.start), dayOf(episode.end));
    for (const ceasefire of ceasefires) days.push(...(ceasefireSpan(ceasefire) || []));
    const known = days.filter((day) => day !== null);
    let first = from !== null ? from : Math.min(...known);
    let last = to !== null ? to : Math.max(...known);
    if (!Number.isFinite(first) || !Number.isFinite(last)) first = last = Date.now();
    const pad = Math.max(DAY_MS * 3, (last - first) * 0.03);
    first -= pad;
    last += pad + DAY_MS;
    const x = (day) => left + ((day - first) / (last - first)) * (right - left);
    const dayWidth = Math.max(3, x(first + DAY_MS) - x(first));

    const lanes = { episodes: 8, ceasefires: 48, barsTop: 80, barsBottom: 190 };

    // Episodes: spans on the top lane; a click filters the page to the episode's dates.
    const undated = { episodes: [], incidents: [] };
    for (const episode of episodes) {
      const start = dayOf(episode.start);
      if (start === null) {
        undated.episodes.push(episode);
        continue;
      }
      const end = dayOf(episode.end) === null ? start : dayOf(episode.end);
      const group = svg("g", { class: "episode", "data-episode": episode.id, tabindex: 0 });
      const x0 = x(start);
      const spanWidth = Math.max(6, x(end + DAY_MS) - x0);
      group.appendChild(svg("rect", { x: x0, y: lanes.episodes, width: spanWidth, height: 30, rx: 3 }));
      group.appendChild(svg("title")).textContent = episode.name + " (" + episode.start + " to " + episode.end + ")";
      const label = svg("text", { x: x0 + 3, y: lanes.episodes + 19, class: "episode-label" });
      label.textContent = shorten(episode.name, Math.max(0, Math.floor(spanWidth / 6.5)));
      group.appendChild(label);
      group.addEventListener("click", () => choose({ date_from: episode.start, date_to: episode.end }));
      chart.appendChild(group);
    }

    for (const ceasefire of ceasefires) {
      const span = ceasefireSpan(ceasefire);
      if (span === null) continue;
      const group = svg("g", { class: "ceasefire", "data-ceasefire": ceasefire.id });
      group.appendChild(
        svg("rect", { x: x(span[0]), y: lanes.ceasefires, width: Math.max(5, x(span[1] + DAY_MS) - x(span[0])), height: 14, rx: 2 })
      );
      const parties = (ceasefire.parties || []).join(", ") || "parties not named";
      group.appendChild(svg("title")).textContent =
        "Ceasefire (" + parties + "), " + isoDay(span[0]) + " to " + isoDay(span[1]) + ": " + (ceasefire.state || "state unknown");
      chart.appendChild(group);
    }

    // Casualties (killed and wounded) per day as bars, over every matching incident (the API
    // sums them); each incident shown on the map as a dot linking to its page.
    const perDay = new Map();
    for (const day of state.days) {
      const start = dayOf(day.day);
      if (start === null) continue;
      perDay.set(start, { count: day.incidents, casualties: day.killed + day.wounded, incidents: [] });
    }
    for (const incident of incidents) {
      const start = dayOf(incident.start);
      if (start === null) {
        undated.incidents.push(incident);
        continue;
      }
      const entry = perDay.get(start) || { count: 1, casualties: casualtyCount(incident), incidents: [] };
      entry.incidents.push(incident);
      perDay.set(start, entry);
    }
    const most = Math.max(1, ...[...perDay.values()].map((entry) => entry.casualties));
    const barHeight = lanes.barsBottom - lanes.barsTop;
    for (const [day, entry] of perDay) {
      const h = entry.casualties ? Math.max(2, (entry.casualties / most) * barHeight) : 0;
      const bar = svg("rect", {
        x: x(day), y: lanes.barsBottom - h, width: dayWidth, height: h, class: "day-bar",
      });
      bar.appendChild(svg("title")).textContent =
        isoDay(day) + ": " + entry.count + " incident(s), " + entry.casualties + " killed or wounded";
      chart.appendChild(bar);
      entry.incidents.forEach((incident, index) => chart.appendChild(incidentDot(incident, x(day) + dayWidth / 2, lanes.barsBottom + 8 + index * 9)));
    }
    chart.appendChild(svg("line", { x1: left, x2: right, y1: lanes.barsBottom, y2: lanes.barsBottom, class: "axis" }));
    drawTicks(chart, first, last, x, height);
    chart.appendChild(svg("text", { x: left, y: lanes.barsTop - 4, class: "lane-label" })).textContent =
      "killed and wounded per day (highest: " + most + ")";

    // What has no date: its own box at the right end, so it is shown and never placed at a guess.
    const boxLeft = width - undatedWidth - 5;
    chart.appendChild(svg("rect", { x: boxLeft, y: 2, width: undatedWidth, height: height - 4, class: "undated-box" }));
    chart.appendChild(svg("text", { x: boxLeft + 6, y: height - 8, class: "lane-label" })).textContent = "date unknown";
    undated.episodes.forEach((episode, index) => {
      const group = svg("g", { class: "episode undated", "data-episode": episode.id });
      group.appendChild(svg("rect", { x: boxLeft + 6, y: lanes.episodes + index * 34, width: undatedWidth - 12, height: 30, rx: 3 }));
      group.appendChild(svg("title")).textContent = episode.name + " (dates unknown)";
      const label = svg("text", { x: boxLeft + 10, y: lanes.episodes + index * 34 + 19, class: "episode-label" });
      label.textContent = shorten(episode.name, 15);
      group.appendChild(label);
      chart.appendChild(group);
    });
    undated.incidents.forEach((incident, index) =>
      chart.appendChild(incidentDot(incident, boxLeft + 14 + (index % 10) * 10, lanes.barsBottom + 8 + Math.floor(index / 10) * 9))
    );
    box.replaceChildren(chart);
  }

  function incidentDot(incident, cx, cy) {
    const link = svg("a", { href: "/incidents/" + encodeURIComponent(incident.id), class: "incident-dot" });
    link.appendChild(svg("circle", { cx, cy, r: 4, fill: typeColour(incident.type) }));
    link.appendChild(svg("title")).textContent = (incident.start || "date unknown") + " · " + (incident.summary || incident.type);
    return link;
  }

  function drawTicks(chart, first, last, x, height) {
    const spanDays = (last - first) / DAY_MS;
    const date = new Date(first);
    date.setUTCDate(1);
    const step = spanDays > 1500 ? 12 : spanDays > 500 ? 3 : 1;
    date.setUTCMonth(Math.floor(date.getUTCMonth() / step) * step);
    for (let guard = 0; guard < 400 && date.getTime() <= last; guard += 1) {
      const time = date.getTime();
      if (time >= first) {
        chart.appendChild(svg("line", { x1: x(time), x2: x(time), y1: 4, y2: height - 20, class: "tick" }));
        const label = step === 12 ? String(date.getUTCFullYear()) : isoDay(time).slice(0, 7);
        chart.appendChild(svg("text", { x: x(time) + 2, y: height - 22, class: "tick-label" })).textContent = label;
      }
      date.setUTCMonth(date.getUTCMonth() + step);
    }
  }

  function shorten(text, size) {
    if (text.length <= size) return text;
    return size <= 1 ? "" : text.slice(0, size - 1) + "…";
  }

  function listEpisodes(episodes, incidents) {
    const list = document.getElementById("episodes");
    list.replaceChildren(
      ...episodes.map((episode) => {
        const item = el("li", null, "episode-item");
        item.setAttribute("data-episode", episode.id);
        item.appendChild(el("strong", episode.name));
        const dates = episode.start ? episode.start + " to " + (episode.end || episode.start) : "dates unknown";
        const count = incidents.filter((incident) => incident.episode === episode.id).length;
        item.appendChild(el("span", " · " + dates + " · " + count + " incident(s) shown", "muted"));
        if (episode.start) {
          const button = el("button", "show only these dates", "link-button");
          button.type = "button";
          button.addEventListener("click", () => choose({ date_from: episode.start, date_to: episode.end || episode.start }));
          item.appendChild(document.createTextNode(" "));
          item.appendChild(button);
        }
        return item;
      })
    );
  }

  function listIncidents(incidents) {
    const rows = document.getElementById("incident-rows");
    const byDate = [...incidents].sort((a, b) => {
      if (!a.start !== !b.start) return a.start ? -1 : 1;
      return (a.start || "").localeCompare(b.start || "") || a.id.localeCompare(b.id);
    });
    rows.replaceChildren(
      ...byDate.map((incident) => {
        const row = document.createElement("tr");
        const dates = incident.start ? incident.start + (incident.end && incident.end !== incident.start ? " to " + incident.end : "") : "unknown";
        row.appendChild(el("td", dates));
        row.appendChild(el("td", incident.type));
        const cell = el("td");
        const link = el("a", incident.summary || incident.id);
        link.href = "/incidents/" + encodeURIComponent(incident.id);
        cell.appendChild(link);
        row.appendChild(cell);
        row.appendChild(el("td", casualtyCount(incident), "num"));
        return row;
      })
    );
  }

  async function show(filters) {
    body.setAttribute("data-ready", "no");
    try {
      if (!(await load(filters))) return; // a newer request took over
    } catch (error) {
      say("The incidents could not be loaded: " + error.message);
      return;
    }
    apply(filters);
    body.setAttribute("data-ready", "yes");
  }

  function choose(changes) {
    const filters = Object.assign(formFilters(), changes);
    showFilters(filters);
    window.history.pushState(null, "", filtersUrl(filters));
    return show(filters);
  }

  async function start() {
    const filters = readFilters();
    showFilters(filters);
    setUpMap();
    let actors = [];
    try {
      const [loaded, ceasefires, actorPage] = await Promise.all([
        load(filters, true),
        fetchPage("/api/ceasefires"),
        fetchPage("/api/actors"),
      ]);
      if (!loaded) return;
      state.ceasefires = ceasefires.items;
      actors = actorPage.items;
    } catch (error) {
      say("The incidents could not be loaded: " + error.message);
      return;
    }
    fillChoices(actors);
    apply(filters);
    body.setAttribute("data-ready", "yes");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      choose({});
    });
    form.addEventListener("change", () => choose({}));
    window.addEventListener("popstate", () => {
      showFilters(readFilters());
      show(readFilters());
    });
  }

  start();
})();
