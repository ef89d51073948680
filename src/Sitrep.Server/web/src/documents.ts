// The list of stored articles, newest first, each opening its article view.

import { get, type DocumentRow, type Page } from './api';
import { el, clear, errorBox } from './dom';

export async function documentsView(target: HTMLElement): Promise<void> {
  const q = el('input', { name: 'q', placeholder: 'full text', size: 20 });
  const place = el('input', { name: 'place', placeholder: 'place', size: 12 });
  const form = el('form', { class: 'filters' }, el('label', {}, 'Text ', q), el('label', {}, 'Place ', place), el('button', { type: 'submit' }, 'Apply'));
  const table = el('table', { class: 'grid', 'data-testid': 'documents-table' });
  const more = el('button', { type: 'button', hidden: true }, 'Load more');
  target.append(form, table, more);
  let cursor: string | null = null;
  const load = async (append: boolean) => {
    try {
      const page = await get<Page<DocumentRow>>('documents', { q: q.value.trim(), place: place.value.trim(), limit: 100, cursor: append ? cursor : undefined });
      if (!append) {
        clear(table);
        table.append(el('thead', {}, el('tr', {}, el('th', {}, 'Published'), el('th', {}, 'Title'), el('th', {}, 'Publisher'), el('th', {}, 'Entities'), el('th', {}, 'Quotes'), el('th', {}, 'Events'))));
        table.append(el('tbody'));
      }
      const body = table.tBodies[0];
      for (const d of page.items)
        body.append(el('tr', { 'data-document': d.id }, el('td', {}, d.published ?? ''), el('td', {}, el('a', { href: `#/article/${d.id}` }, d.title ?? d.source ?? String(d.id))),
          el('td', {}, d.publisher ?? ''), el('td', { class: 'num' }, String(d.entities)), el('td', { class: 'num' }, String(d.quotes)), el('td', { class: 'num' }, String(d.events))));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
    } catch (e) { clear(table); table.append(el('caption', {}, errorBox((e as Error).message))); }
  };
  form.addEventListener('submit', ev => { ev.preventDefault(); load(false); });
  more.addEventListener('click', () => load(true));
  await load(false);
}
