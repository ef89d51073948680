// Renders a sitrep/1 document as text with its annotations highlighted from their character offsets
// (in the manner of displaCy/brat). The text is cut at every annotation and sentence boundary into
// segments; each segment is a <span> carrying the annotations that cover it. Text goes in as text nodes.

import type { SitrepDoc, SEntity, SQuote, SEvent } from './api';
import { colourFor, quadOf, QUAD_COLOURS, ROOTS } from './cameo';
import { el, clear } from './dom';

export type Annotation =
  | { kind: 'entity'; start: number; end: number; entity: SEntity }
  | { kind: 'quote'; start: number; end: number; quote: SQuote }
  | { kind: 'time'; start: number; end: number; id: string }
  | { kind: 'figure'; start: number; end: number; id: string }
  | { kind: 'trigger'; start: number; end: number; event: SEvent };

export interface Rendered {
  root: HTMLElement;
  highlightSentence(index: number, scroll?: boolean): void;
}

export function annotations(doc: SitrepDoc): Annotation[] {
  const list: Annotation[] = [];
  for (const q of doc.quotes) list.push({ kind: 'quote', start: q.start, end: q.end, quote: q });
  for (const e of doc.entities) for (const m of e.mentions) list.push({ kind: 'entity', start: m.start, end: m.end, entity: e });
  for (const t of doc.times) list.push({ kind: 'time', start: t.start, end: t.end, id: t.id });
  for (const f of doc.quantities) list.push({ kind: 'figure', start: f.start, end: f.end, id: f.id });
  for (const ev of doc.events) list.push({ kind: 'trigger', start: ev.trigger.start, end: ev.trigger.end, event: ev });
  return list.filter(a => a.start >= 0 && a.end > a.start && a.end <= doc.document.text.length);
}

function speakerKey(doc: SitrepDoc, q: SQuote): string {
  if (q.speaker) return doc.entities.find(e => e.id === q.speaker)?.name ?? q.speaker;
  return q.speakerText ?? 'unknown';
}

function label(a: Annotation): string {
  switch (a.kind) {
    case 'entity': return a.entity.type;
    case 'time': return 'TIME';
    case 'figure': return 'FIG';
    case 'trigger': return a.event.cameo;
    default: return '';
  }
}

export function renderDocument(doc: SitrepDoc, onSelect: (a: Annotation, sentence: number) => void): Rendered {
  const text = doc.document.text;
  const anns = annotations(doc);
  const cuts = new Set<number>([0, text.length]);
  for (const a of anns) { cuts.add(a.start); cuts.add(a.end); }
  for (const s of doc.sentences) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter(p => p >= 0 && p <= text.length).sort((a, b) => a - b);

  const sentenceAt = (pos: number): number => {
    let lo = 0, hi = doc.sentences.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (doc.sentences[mid].start <= pos) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found >= 0 && pos < doc.sentences[found].end ? found : -1;
  };

  const root = el('div', { class: 'doc-text', 'data-testid': 'doc-text' });
  const bySentence = new Map<number, HTMLElement[]>();
  // Annotations sorted by start so each segment finds its covering ones with a moving window.
  const sorted = [...anns].sort((a, b) => a.start - b.start || b.end - a.end);
  let open: Annotation[] = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i], e = points[i + 1];
    while (next < sorted.length && sorted[next].start <= s) open.push(sorted[next++]);
    open = open.filter(a => a.end > s);
    const covering = open.filter(a => a.start <= s && a.end >= e);
    const span = el('span', { class: 'seg' }, text.slice(s, e));
    const sentence = sentenceAt(s);
    if (sentence >= 0) {
      span.dataset.s = String(sentence);
      let arr = bySentence.get(sentence);
      if (!arr) bySentence.set(sentence, arr = []);
      arr.push(span);
    }
    for (const a of covering) {
      span.classList.add('a-' + a.kind);
      if (a.kind === 'entity') span.classList.add('t-' + a.entity.type);
      if (a.kind === 'quote') span.style.backgroundColor = colourFor(speakerKey(doc, a.quote));
      if (a.kind === 'trigger') span.style.borderBottomColor = QUAD_COLOURS[quadOf(a.event.cameo)];
    }
    if (covering.length > 0) {
      // The innermost annotation answers a click; entity mentions get their name as a hover title.
      const inner = covering.filter(a => a.kind !== 'quote').sort((a, b) => (a.end - a.start) - (b.end - b.start))[0] ?? covering[0];
      span.classList.add('clickable');
      if (inner.kind === 'entity') { span.dataset.entity = inner.entity.name; span.title = `${inner.entity.type}: ${inner.entity.name}`; }
      span.addEventListener('click', ev => { ev.stopPropagation(); onSelect(inner, sentence); });
    }
    root.append(span);
    // A label after the last segment of an entity, time, figure or trigger (displaCy style).
    for (const a of covering) {
      if (a.end === e && a.kind !== 'quote') root.append(el('span', { class: 'lbl lbl-' + a.kind }, label(a)));
    }
  }

  let highlighted: HTMLElement[] = [];
  return {
    root,
    highlightSentence(index: number, scroll = true) {
      for (const h of highlighted) h.classList.remove('evidence');
      highlighted = bySentence.get(index) ?? [];
      for (const h of highlighted) h.classList.add('evidence');
      if (scroll && highlighted.length > 0) highlighted[0].scrollIntoView({ block: 'center' });
    },
  };
}

/** The details of one annotation: normalized value, resolved place, actor codes, speaker; a person's quotes. */
export function renderDetails(doc: SitrepDoc, a: Annotation, target: HTMLElement): void {
  clear(target);
  const rows: [string, string | null | undefined][] = [];
  const name = (id: string | null) => id ? (doc.entities.find(e => e.id === id)?.name ?? id) : null;
  let heading = '';
  switch (a.kind) {
    case 'entity': {
      const e = a.entity;
      heading = `${e.name} (${e.type})`;
      rows.push(['Title', e.title], ['Country', e.country], ['Actor code', e.actor], ['Mentions', String(e.mentions.length)]);
      if (e.place) rows.push(['Place', `${e.place.lat.toFixed(4)}, ${e.place.lon.toFixed(4)}`], ['GeoNames', e.place.geonameId ? String(e.place.geonameId) : null],
        ['Country code', e.place.countryCode], ['Admin1', e.place.admin1], ['Feature', e.place.featureCode]);
      break;
    }
    case 'quote': {
      const q = a.quote;
      heading = `Quote (${q.kind})`;
      rows.push(['Speaker', name(q.speaker) ?? q.speakerText], ['Speaker text', q.speakerText], ['Cue', q.cue], ['Anonymous', q.anonymous ? 'yes' : 'no']);
      break;
    }
    case 'time': {
      const t = doc.times.find(x => x.id === a.id)!;
      heading = `Time: ${t.text}`;
      rows.push(['Type', t.type], ['Value', t.value], ['Mod', t.mod]);
      break;
    }
    case 'figure': {
      const f = doc.quantities.find(x => x.id === a.id)!;
      heading = `Figure: ${f.text}`;
      rows.push(['Value', f.value === null ? null : String(f.value)], ['Qualifier', f.qualifier], ['Unit', f.unit], ['Kind', f.kind]);
      break;
    }
    case 'trigger': {
      const ev = a.event;
      heading = `Event ${ev.cameo} ${ROOTS[ev.cameo.slice(0, 2)] ?? ''}`;
      rows.push(['PLOVER', ev.plover], ['Source', name(ev.source)], ['Source actor', ev.sourceActor], ['Target', name(ev.target)],
        ['Target actor', ev.targetActor], ['Date', ev.date], ['Place', name(ev.place)], ['Fatalities', ev.fatalities?.toString()],
        ['Injured', ev.injured?.toString()], ['Modality', ev.modality], ['Negated', ev.negated ? 'yes' : 'no']);
      break;
    }
  }
  target.append(el('h3', {}, heading));
  const dl = el('dl', { class: 'details' });
  for (const [k, v] of rows) if (v) dl.append(el('dt', {}, k), el('dd', {}, v));
  target.append(dl);
  if (a.kind === 'entity') {
    const quotes = doc.quotes.filter(q => q.speaker === a.entity.id);
    if (quotes.length > 0) {
      target.append(el('h4', {}, `Quotes by ${a.entity.name} (${quotes.length})`));
      const ul = el('ul', { class: 'entity-quotes', 'data-testid': 'entity-quotes' });
      for (const q of quotes) ul.append(el('li', { style: `background:${colourFor(a.entity.name)}` }, q.text));
      target.append(ul);
    }
  }
}

export function legend(): HTMLElement {
  return el('div', { class: 'legend' },
    el('span', { class: 'seg a-entity t-PERSON' }, 'person'), ' ',
    el('span', { class: 'seg a-entity t-ORG' }, 'organisation'), ' ',
    el('span', { class: 'seg a-entity t-GPE' }, 'place'), ' ',
    el('span', { class: 'seg a-entity t-NORP' }, 'group'), ' ',
    el('span', { class: 'seg a-time' }, 'time'), ' ',
    el('span', { class: 'seg a-figure' }, 'figure'), ' ',
    el('span', { class: 'seg a-trigger' }, 'event trigger'), ' ',
    el('span', { class: 'seg a-quote', style: 'background:hsl(50,70%,85%)' }, 'quote (colour = speaker)'));
}
