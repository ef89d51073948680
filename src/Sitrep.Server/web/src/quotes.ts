// The quote browser: quotes grouped by speaker, named sources first, then anonymous ones, each with its
// article and a link to the sentence it came from.

import { get, type Page, type QuoteRow } from './api';
import { colourFor } from './cameo';
import { el, clear, errorBox, markReady } from './dom';

export async function quotesView(target: HTMLElement): Promise<void> {
  const speaker = el('input', { name: 'speaker', placeholder: 'speaker', size: 14 });
  const q = el('input', { name: 'q', placeholder: 'words in the quote', size: 18 });
  const form = el('form', { class: 'filters' }, el('label', {}, 'Speaker ', speaker), el('label', {}, 'Text ', q), el('button', { type: 'submit' }, 'Apply'));
  const out = el('div', { class: 'quote-groups', 'data-testid': 'quote-groups' });
  target.append(form, out);
  const load = async () => {
    clear(out);
    out.append(el('p', { class: 'hint' }, 'Loading…'));
    try {
      const page = await get<Page<QuoteRow>>('quotes', { speaker: speaker.value.trim(), q: q.value.trim(), limit: 2000 });
      clear(out);
      const groups = new Map<string, { anonymous: boolean; quotes: QuoteRow[] }>();
      for (const row of page.items) {
        const name = row.speaker ?? row.speakerText ?? 'unattributed';
        const anonymous = row.anonymous || !row.speakerEntity;
        const key = (anonymous ? 'a:' : 'n:') + name;
        let g = groups.get(key);
        if (!g) groups.set(key, g = { anonymous, quotes: [] });
        g.quotes.push(row);
      }
      const ordered = [...groups.entries()].sort((a, b) => Number(a[1].anonymous) - Number(b[1].anonymous) || b[1].quotes.length - a[1].quotes.length);
      if (ordered.length === 0) out.append(el('p', { class: 'hint' }, 'No quotes match.'));
      let lastAnonymous: boolean | null = null;
      for (const [key, g] of ordered) {
        if (g.anonymous !== lastAnonymous) { out.append(el('h2', {}, g.anonymous ? 'Anonymous and unnamed sources' : 'Named speakers')); lastAnonymous = g.anonymous; }
        const name = key.slice(2);
        const section = el('section', { class: 'quote-group', 'data-speaker': name },
          el('h3', {}, el('span', { class: 'swatch', style: `background:${colourFor(name)}` }), `${name} (${g.quotes.length})`));
        const ul = el('ul');
        for (const row of g.quotes)
          ul.append(el('li', { style: `border-left-color:${colourFor(name)}` },
            el('blockquote', {}, row.text),
            el('small', {}, `${row.kind}${row.cue ? ', ' + row.cue : ''}${row.speakerText && row.speakerText !== name ? ' (' + row.speakerText + ')' : ''} — `,
              el('a', { href: `#/article/${row.documentId}?at=${row.start}` }, row.title ?? row.source ?? `article ${row.documentId}`),
              row.published ? ' · ' + row.published : '')));
        section.append(ul);
        out.append(section);
      }
      markReady();
      if (page.nextCursor) out.append(el('p', { class: 'hint' }, 'Showing the first 2,000 quotes; narrow by speaker or text.'));
    } catch (e) { clear(out); out.append(errorBox((e as Error).message)); }
  };
  form.addEventListener('submit', ev => { ev.preventDefault(); load(); });
  await load();
}
