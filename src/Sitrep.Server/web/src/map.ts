// The map: Leaflet over an offline world basemap (Natural Earth countries from the world-atlas package,
// bundled at build time; no tile server). Points are aggregated by the server: one marker per place,
// sized by event count and coloured by the dominant CAMEO quad class; resolved places without events
// are grey. Markers are clustered when dense; clicking one lists its events.

import type * as Leaflet from 'leaflet';
import L from './leaflet-global';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { get, type MapPoint, type EventRow, type Page } from './api';
import { QUADS, QUAD_COLOURS, ROOTS } from './cameo';
import { el, clear, errorBox, markReady } from './dom';
import { eventLink, filterBar } from './events';
import { filters, type Filters } from './state';


const basemap = (() => {
  const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
  return feature(topo, topo.objects.countries);
})();

interface Marked extends Leaflet.Marker { point: MapPoint }

function radius(count: number): number { return Math.round(6 + 4 * Math.sqrt(count)); }

export async function mapView(target: HTMLElement, prefetched?: Promise<{ points: MapPoint[] }>): Promise<() => void> {
  const showPlaces = el('input', { type: 'checkbox', checked: true });
  // The first request starts before the map is built, so the two overlap.
  const fetchPoints = (f: Filters) => get<{ points: MapPoint[] }>('map', { ...f, places: showPlaces.checked ? 'true' : 'false' });
  let pending: Promise<{ points: MapPoint[] }> | null = prefetched ?? fetchPoints(filters.value);
  const panel = el('aside', { class: 'map-panel', 'data-testid': 'map-panel' }, el('p', { class: 'hint' }, 'Click a marker to list its events.'));
  const status = el('p', { class: 'hint', 'data-testid': 'map-status' });
  const legend = el('div', { class: 'legend' });
  for (let q = 1; q <= 4; q++) legend.append(el('span', { class: 'quad', style: `background:${QUAD_COLOURS[q]}` }), ` ${QUADS[q]}  `);
  legend.append(el('span', { class: 'quad', style: `background:${QUAD_COLOURS[0]}` }), ' place mentioned');
  const box = el('div', { class: 'map', id: 'map', 'data-testid': 'map' });
  target.append(filterBar(), el('div', { class: 'map-tools' }, el('label', {}, showPlaces, ' places without events'), legend, status),
    el('div', { class: 'map-layout' }, box, panel));

  const map = L.map(box, { zoomAnimation: true, fadeAnimation: false, worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: true }).setView([25, 30], 2);
  map.attributionControl.addAttribution('Basemap: Natural Earth via world-atlas');
  // One canvas for the basemap's polygons: cheaper to draw than an SVG path per country.
  L.geoJSON(basemap, { style: { color: '#8a8a8a', weight: 0.6, fillColor: '#eeeae2', fillOpacity: 1 }, interactive: false, renderer: L.canvas({ padding: 0.2 }) } as Leaflet.GeoJSONOptions).addTo(map);
  const cluster = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    iconCreateFunction: (c: { getAllChildMarkers(): Marked[] }) => {
      const total = c.getAllChildMarkers().reduce((s, m) => s + m.point.count, 0);
      const r = radius(total);
      return L.divIcon({ className: 'cluster-icon', html: el('div', { class: 'mk cluster', style: `width:${2 * r}px;height:${2 * r}px;line-height:${2 * r}px` }, String(total)), iconSize: [2 * r, 2 * r] });
    },
  });
  cluster.addTo(map);
  // Places without events stay small grey dots outside the clusters, so cluster counts are event counts.
  const placeLayer = L.layerGroup().addTo(map);

  const list = async (p: MapPoint) => {
    clear(panel);
    panel.append(el('h3', {}, p.name), el('p', {}, p.kind === 'events' ? `${p.count} events` : `${p.count} mentions, no events`));
    if (p.kind !== 'events') return;
    try {
      const page = await get<Page<EventRow>>('events', { ...filters.value, near: `${p.lat},${p.lon},1`, limit: 50 });
      const ul = el('ul', { class: 'marker-events', 'data-testid': 'marker-events' });
      for (const e of page.items)
        ul.append(el('li', {}, el('span', { class: 'quad', style: `background:${QUAD_COLOURS[quadIndex(e.cameo)]}` }),
          el('a', { href: eventLink(e) }, `${e.day ?? ''} ${e.cameo} ${ROOTS[e.cameoRoot] ?? ''}: ${e.sourceName ?? '?'} → ${e.targetName ?? '?'}`)));
      panel.append(ul);
    } catch (e) { panel.append(errorBox((e as Error).message)); }
  };

  let generation = 0;
  const load = async (f: Filters) => {
    const mine = ++generation;
    status.textContent = 'Loading…';
    try {
      const request = pending ?? fetchPoints(f);
      pending = null;
      const data = await request;
      if (mine !== generation) return;
      cluster.clearLayers();
      placeLayer.clearLayers();
      const markers: Marked[] = [];
      for (const p of data.points) {
        const r = p.kind === 'events' ? radius(p.count) : 5;
        const colour = p.kind === 'events' ? QUAD_COLOURS[p.dominantQuad] : QUAD_COLOURS[0];
        const dot = el('div', { class: 'mk ' + p.kind, 'data-name': p.name, style: `width:${2 * r}px;height:${2 * r}px;background:${colour}` });
        if (p.kind === 'events') dot.textContent = String(p.count);
        const m = L.marker([p.lat, p.lon], { title: `${p.name}: ${p.count} ${p.kind === 'events' ? 'events' : 'mentions'}`, icon: L.divIcon({ className: 'marker-icon', html: dot, iconSize: [2 * r, 2 * r] }) }) as Marked;
        m.point = p;
        m.on('click', () => list(p));
        if (p.kind === 'events') markers.push(m); else placeLayer.addLayer(m);
      }
      cluster.addLayers(markers);
      // Zoom to where the events are (places without events can be anywhere in the world).
      const eventPoints = data.points.filter(p => p.kind === 'events');
      if (eventPoints.length > 0) map.fitBounds(L.latLngBounds(eventPoints.map(p => [p.lat, p.lon] as [number, number])).pad(0.3), { maxZoom: 5, animate: false });
      const events = data.points.filter(p => p.kind === 'events').reduce((s, p) => s + p.count, 0);
      markReady();
      status.textContent = `${events} events at ${data.points.filter(p => p.kind === 'events').length} places`;
    } catch (e) {
      if (mine === generation) status.replaceChildren(errorBox((e as Error).message));
    }
  };
  showPlaces.addEventListener('change', () => load(filters.value));
  load(filters.value);
  const off = filters.onChange(load);
  return () => { off(); map.remove(); };
}

function quadIndex(cameo: string): number {
  const root = parseInt(cameo.slice(0, 2), 10);
  return root >= 1 && root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : root <= 20 ? 4 : 0;
}
