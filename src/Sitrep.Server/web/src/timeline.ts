// The timeline: events per day by CAMEO quad class or root (aggregated by the server), drawn with uPlot.
// Dragging across the chart (the brush) sets the shared from/to filters, which narrow the table and the map.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { get, type Timeline } from './api';
import { QUAD_COLOURS, colourFor } from './cameo';
import { el, errorBox, markReady } from './dom';
import { eventsTable, filterBar } from './events';
import { filters, type Filters } from './state';

const DAY = 86400;

function toSeconds(day: string): number { return Date.parse(day + 'T00:00:00Z') / 1000; }
function toDay(seconds: number): string { return new Date(seconds * 1000).toISOString().slice(0, 10); }

export function timelineView(target: HTMLElement): () => void {
  const by = el('select', { name: 'by', 'data-testid': 'timeline-by' }, el('option', { value: 'quad' }, 'quad class'), el('option', { value: 'root' }, 'CAMEO root'));
  const clearRange = el('button', { type: 'button' }, 'Clear date range');
  const status = el('p', { class: 'hint', 'data-testid': 'timeline-status' });
  const chartBox = el('div', { class: 'chart', 'data-testid': 'timeline-chart' });
  const tableBox = el('div', { class: 'timeline-table' });
  target.append(filterBar(), el('div', { class: 'map-tools' }, el('label', {}, 'Series by ', by), clearRange, status), chartBox, tableBox);
  clearRange.addEventListener('click', () => filters.set({ from: '', to: '' }));

  let plot: uPlot | null = null;
  let generation = 0;
  let lastKey = '';
  const width = () => Math.max(400, chartBox.clientWidth || target.clientWidth || 900);

  const draw = (t: Timeline) => {
    plot?.destroy();
    plot = null;
    chartBox.replaceChildren();
    if (t.days.length === 0) { status.textContent = 'No events match.'; return; }
    const xs = t.days.map(toSeconds);
    const data: uPlot.AlignedData = [xs, ...t.series.map(s => s.counts)];
    const total = t.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
    status.textContent = `${total} events over ${t.days.length} days; drag across the chart to filter by date`;
    const series: uPlot.Series[] = [{ label: 'day', value: (_u, v) => v == null ? '' : toDay(v) }];
    t.series.forEach((s, i) => {
      const colour = t.by === 'quad' ? QUAD_COLOURS[Number(s.key)] ?? '#888' : colourFor(s.key).replace('85%)', '45%)');
      series.push({ label: s.label, stroke: colour, fill: colour + (colour.startsWith('#') ? '33' : ''), width: 1.5, points: { show: t.days.length < 60 }, paths: uPlot.paths.bars!({ size: [0.9 / Math.max(1, t.series.length), 40], align: 0 }), scale: 'y' });
      void i;
    });
    plot = new uPlot({
      width: width(), height: 260, series,
      scales: { x: { time: true, range: (_u, min, max) => [min - DAY / 2, max + DAY / 2] } },
      axes: [{ incrs: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 365 * DAY], values: (_u, splits) => splits.map(v => toDay(v)), space: 80 }, { label: 'events' }],
      cursor: { drag: { x: true, y: false, setScale: false } },
      hooks: {
        setSelect: [u => {
          if (u.select.width < 2) return;
          const from = u.posToVal(u.select.left, 'x');
          const to = u.posToVal(u.select.left + u.select.width, 'x');
          // A day is in the range when the centre of its bar is: bars are centred on the day's midnight.
          let first = Math.ceil(from / DAY) * DAY, last = Math.floor(to / DAY) * DAY;
          if (last < first) first = last = Math.round((from + to) / 2 / DAY) * DAY;
          filters.set({ from: toDay(first), to: toDay(last) });
        }],
      },
    }, data, chartBox);
    markReady();
  };

  const load = async (f: Filters) => {
    // The chart shows the whole span (the brush selects within it), so from/to do not narrow it.
    const { from: _from, to: _to, ...rest } = f;
    const key = JSON.stringify(rest) + by.value;
    if (key === lastKey && plot) return;
    lastKey = key;
    const mine = ++generation;
    try {
      const t = await get<Timeline>('timeline', { ...rest, by: by.value });
      if (mine === generation) draw(t);
    } catch (e) {
      if (mine === generation) chartBox.replaceChildren(errorBox((e as Error).message));
    }
  };
  by.addEventListener('change', () => { lastKey = ''; load(filters.value); });
  load(filters.value);
  const offTable = eventsTable(tableBox);
  const off = filters.onChange(load);
  return () => { off(); offTable(); plot?.destroy(); };
}
