// leaflet.markercluster extends the global `L`; give it a mutable copy of the Leaflet module before it loads.
// Imported before the plugin, so module evaluation order guarantees `window.L` is set in time.
import * as Leaflet from 'leaflet';

export type LeafletWithCluster = typeof Leaflet & {
  markerClusterGroup: (o?: object) => Leaflet.FeatureGroup & { addLayers(m: Leaflet.Layer[]): void };
};

const L = { ...Leaflet } as LeafletWithCluster;
(window as unknown as { L: typeof Leaflet }).L = L;
export default L;
