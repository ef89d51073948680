// The single-page app: a hash router over the six views. Views return an optional disposer that runs
// when the route changes (to drop filter listeners and the map).

import './style.css';
import { get, type MapPoint, type Stats } from './api';
import { articleView } from './article';
import { documentsView } from './documents';
import { clear, el, errorBox } from './dom';
import { eventsTable, filterBar } from './events';
import { extractView } from './extract';
import { quotesView } from './quotes';
import { filters } from './state';

const view = document.getElementById('view')!;
const range = document.getElementById('range')!;
let dispose: (() => void) | null = null;

async function route(): Promise<void> {
  dispose?.();
  dispose = null;
  clear(view);
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?', 2);
  const params = new URLSearchParams(query ?? '');
  const [name, id] = path.split('/', 2);
  const current = name || 'events';
  document.querySelectorAll<HTMLAnchorElement>('#nav a').forEach(a => a.classList.toggle('active', a.dataset.view === current));
  view.dataset.view = current;
  try {
    switch (current) {
      case 'article':
        await articleView(view, decodeURIComponent(id ?? ''), params);
        break;
      case 'map':
        // The map (Leaflet, the world basemap) and the timeline (uPlot) load only when opened.
        {
          // Ask for the markers while the map's code loads.
          const points = get<{ points: MapPoint[] }>('map', { ...filters.value, places: 'true' });
          points.catch(() => { /* reported by the view */ });
          dispose = await (await import('./map')).mapView(view, points);
        }
        break;
      case 'timeline':
        dispose = (await import('./timeline')).timelineView(view);
        break;
      case 'quotes':
        await quotesView(view);
        break;
      case 'documents':
        await documentsView(view);
        break;
      case 'extract':
        extractView(view);
        break;
      default: {
        view.append(filterBar());
        const table = el('div');
        view.append(table);
        dispose = eventsTable(table);
      }
    }
  } catch (e) {
    view.append(errorBox((e as Error).message));
  }
}

filters.onChange(f => {
  range.hidden = !(f.from || f.to);
  range.textContent = f.from || f.to ? `Dates: ${f.from ?? '…'} – ${f.to ?? '…'}` : '';
});

window.addEventListener('hashchange', route);
route();
get<Stats>('stats').then(s => {
  document.getElementById('stats')!.textContent = `${s.documents} articles · ${s.events} events · ${s.quotes} quotes`;
}).catch(() => { /* the header count is optional */ });
