// The events table: shared filters, sortable columns, paging by cursor; each row opens its evidence.

import { get, type EventRow, type Page } from './api';
import { ROOTS, QUAD_COLOURS, quadOf } from './cameo';
import { el, clear, errorBox, markReady } from './dom';
import { filters, FILTER_FIELDS, type Filters } from './state';

export function filterBar(): HTMLElement {
  const form = el('form', { class: 'filters', 'data-testid': 'filters' });
  const inputs = new Map<keyof Filters, HTMLInputElement>();
  for (const f of FILTER_FIELDS) {
    const input = el('input', { name: f.key, placeholder: f.placeholder, size: 10 });
    input.value = filters.value[f.key] ?? '';
    inputs.set(f.key, input);
    form.append(el('label', {}, f.label + ' ', input));
  }
  form.append(el('button', { type: 'submit' }, 'Apply'), el('button', { type: 'reset' }, 'Clear'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const patch: Filters = {};
    for (const [k, input] of inputs) patch[k] = input.value.trim();
    filters.set(patch);
  });
  form.addEventListener('reset', () => {
    const patch: Filters = {};
    for (const k of inputs.keys()) patch[k] = '';
    filters.set(patch);
  });
  const off = filters.onChange(f => { for (const [k, input] of inputs) input.value = f[k] ?? ''; });
  form.addEventListener('sitrep:dispose', off);
  return form;
}

type SortKey = 'day' | 'cameo' | 'sourceName' | 'targetName' | 'placeName' | 'numArticles' | 'fatalities';

export function eventLink(e: EventRow): string { return `#/article/${e.firstDocumentId}?event=${e.id}`; }

/** A table bound to the shared filters; re-queries the server whenever they change. Returns a disposer. */
export function eventsTable(target: HTMLElement, pageSize = 100): () => void {
  let rows: EventRow[] = [];
  let cursor: string | null = null;
  let sort: { key: SortKey; asc: boolean } = { key: 'day', asc: false };
  let generation = 0;
  const status = el('p', { class: 'hint', 'data-testid': 'events-status' });
  const table = el('table', { class: 'grid', 'data-testid': 'events-table' });
  const more = el('button', { type: 'button', hidden: true }, 'Load more');
  target.append(status, table, more);

  const columns: [SortKey | null, string][] = [
    ['day', 'Day'], ['cameo', 'CAMEO'], ['sourceName', 'Source'], [null, 'Trigger'], ['targetName', 'Target'],
    ['placeName', 'Place'], ['fatalities', 'Killed'], ['numArticles', 'Articles'],
  ];

  const draw = () => {
    clear(table);
    const head = el('tr');
    for (const [key, title] of columns) {
      const th = el('th', {}, title + (key && sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''));
      if (key) {
        th.classList.add('sortable');
        th.addEventListener('click', () => { sort = { key, asc: sort.key === key ? !sort.asc : true }; draw(); });
      }
      head.append(th);
    }
    table.append(el('thead', {}, head));
    const body = el('tbody');
    const sorted = [...rows].sort((a, b) => {
      const x = a[sort.key] ?? '', y = b[sort.key] ?? '';
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.asc ? c : -c;
    });
    for (const e of sorted) {
      const link = el('a', { href: eventLink(e) }, e.trigger ?? 'evidence');
      const tr = el('tr', { 'data-event': e.id, 'data-day': e.day ?? '' },
        el('td', {}, e.day ?? ''),
        el('td', { title: ROOTS[e.cameoRoot] ?? '' }, el('span', { class: 'quad', style: `background:${QUAD_COLOURS[quadOf(e.cameo)]}` }), e.cameo),
        el('td', {}, e.sourceName ?? e.sourceActor ?? ''),
        el('td', {}, link),
        el('td', {}, e.targetName ?? e.targetActor ?? ''),
        el('td', {}, e.placeName ?? ''),
        el('td', { class: 'num' }, e.fatalities?.toString() ?? ''),
        el('td', { class: 'num' }, String(e.numArticles)));
      tr.addEventListener('dblclick', () => { location.hash = eventLink(e); });
      body.append(tr);
    }
    table.append(body);
    more.hidden = cursor === null;
  };

  const load = async (f: Filters, append: boolean) => {
    const mine = ++generation;
    status.textContent = 'Loading…';
    try {
      const page = await get<Page<EventRow>>('events', { ...f, limit: pageSize, cursor: append ? cursor : undefined });
      if (mine !== generation) return;
      rows = append ? rows.concat(page.items) : page.items;
      cursor = page.nextCursor;
      const range = f.from || f.to ? ` from ${f.from ?? '…'} to ${f.to ?? '…'}` : '';
      status.textContent = `${rows.length}${cursor ? '+' : ''} events${range}`;
      draw();
      markReady();
    } catch (e) {
      if (mine !== generation) return;
      rows = []; cursor = null; draw();
      status.replaceChildren(errorBox((e as Error).message));
    }
  };
  more.addEventListener('click', () => load(filters.value, true));
  load(filters.value, false);
  return filters.onChange(f => load(f, false));
}
