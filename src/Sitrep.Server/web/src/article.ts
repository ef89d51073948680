// The article view: annotated text, a details panel for the clicked annotation, and the article's events.

import { get, type SitrepDoc, type StoredDocument } from './api';
import { renderDocument, renderDetails, legend, type Annotation } from './annotate';
import { ROOTS, QUAD_COLOURS, quadOf } from './cameo';
import { el, clear, errorBox } from './dom';

/** Lays out one analysed document; used by the article view and by the extract view for a posted article. */
export function showAnnotated(doc: SitrepDoc, target: HTMLElement, focus?: { sentence?: number; eventId?: string }): void {
  clear(target);
  const details = el('aside', { class: 'details-panel', 'data-testid': 'details' }, el('p', { class: 'hint' }, 'Click a highlighted word for its details.'));
  const rendered = renderDocument(doc, (a: Annotation, sentence: number) => {
    renderDetails(doc, a, details);
    if (sentence >= 0) rendered.highlightSentence(sentence, false);
  });
  const meta = doc.document;
  const header = el('div', { class: 'doc-meta' },
    el('h2', {}, meta.title ?? (meta.source === 'request' ? 'Extracted article (untitled)' : meta.source)),
    el('p', {}, [meta.publisher, meta.published, meta.byline].filter(Boolean).join(' · ')),
    meta.url ? el('a', { href: meta.url, rel: 'noreferrer noopener', target: '_blank' }, meta.url) : null,
    legend());

  const events = el('aside', { class: 'events-panel', 'data-testid': 'doc-events' }, el('h3', {}, `Events (${doc.events.length})`));
  if (doc.events.length === 0) events.append(el('p', { class: 'hint' }, 'No events coded in this article.'));
  const name = (id: string | null) => id ? (doc.entities.find(e => e.id === id)?.name ?? id) : '?';
  for (const ev of doc.events) {
    const item = el('button', { class: 'event-item', type: 'button', 'data-event': ev.id },
      el('span', { class: 'quad', style: `background:${QUAD_COLOURS[quadOf(ev.cameo)]}` }),
      `${ev.cameo} ${ROOTS[ev.cameo.slice(0, 2)] ?? ''}: ${name(ev.source)} → ${name(ev.target)}`,
      ev.date ? el('small', {}, ' ' + ev.date) : null);
    item.addEventListener('click', () => {
      renderDetails(doc, { kind: 'trigger', start: ev.trigger.start, end: ev.trigger.end, event: ev }, details);
      rendered.highlightSentence(ev.sentence);
    });
    events.append(item);
  }
  target.append(el('div', { class: 'article-layout' },
    el('section', { class: 'article-main' }, header, rendered.root), el('div', { class: 'side' }, details, events)));

  let sentence = focus?.sentence;
  if (focus?.eventId) {
    const ev = doc.events.find(e => e.id === focus.eventId);
    if (ev) { sentence = ev.sentence; renderDetails(doc, { kind: 'trigger', start: ev.trigger.start, end: ev.trigger.end, event: ev }, details); }
  }
  if (sentence !== undefined && sentence >= 0) requestAnimationFrame(() => rendered.highlightSentence(sentence!));
}

export async function articleView(target: HTMLElement, id: string, params: URLSearchParams): Promise<void> {
  target.append(el('p', { class: 'hint' }, 'Loading…'));
  try {
    const stored = await get<StoredDocument>('documents/' + encodeURIComponent(id));
    let eventId: string | undefined;
    const wanted = params.get('event');
    if (wanted) eventId = Object.entries(stored.eventIds).find(([, v]) => String(v) === wanted)?.[0];
    const s = params.get('sentence');
    let sentence = s !== null ? Number(s) : undefined;
    const at = params.get('at');
    if (at !== null) sentence = stored.sitrep.sentences.findIndex(x => x.start <= Number(at) && Number(at) < x.end);
    clear(target);
    showAnnotated(stored.sitrep, target, { sentence, eventId });
  } catch (e) {
    clear(target);
    target.append(errorBox((e as Error).message));
  }
}
