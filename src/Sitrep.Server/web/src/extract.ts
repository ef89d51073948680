// Paste box and drop zone: posts an article to /api/extract (nothing is stored) and shows it annotated.

import { post, apiKey, setApiKey, type SitrepDoc } from './api';
import { showAnnotated } from './article';
import { el, clear, errorBox } from './dom';

function contentTypeOf(name: string, text: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'text/html';
  if (lower.endsWith('.json')) return 'application/json';
  if (!name && /^\s*</.test(text) && /<\/(html|body|p|div)>/i.test(text)) return 'text/html';
  return 'text/plain';
}

export function extractView(target: HTMLElement): void {
  const area = el('textarea', { name: 'article', rows: 10, placeholder: 'Paste an article (plain text, HTML or the JSON article form), or drop a file here.', 'data-testid': 'paste' });
  const key = el('input', { name: 'apiKey', type: 'password', placeholder: 'API key (if the server needs one)', size: 28 });
  key.value = apiKey();
  const button = el('button', { type: 'button', 'data-testid': 'extract-button' }, 'Extract');
  const out = el('div', { class: 'extract-out', 'data-testid': 'extract-out' });
  let fileName = '';
  const drop = el('div', { class: 'dropzone', 'data-testid': 'dropzone' }, area);
  target.append(el('h2', {}, 'Extract an article'), el('p', { class: 'hint' }, 'Nothing is stored: the server returns sitrep/1 JSON and the page shows it annotated.'),
    drop, el('div', { class: 'map-tools' }, button, key), out);
  drop.addEventListener('dragover', ev => { ev.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async ev => {
    ev.preventDefault();
    drop.classList.remove('over');
    const file = ev.dataTransfer?.files[0];
    if (!file) return;
    fileName = file.name;
    area.value = await file.text();
  });
  area.addEventListener('input', () => { fileName = ''; });
  button.addEventListener('click', async () => {
    setApiKey(key.value);
    clear(out);
    out.append(el('p', { class: 'hint' }, 'Extracting…'));
    try {
      const doc = await post<SitrepDoc>('extract', area.value, contentTypeOf(fileName, area.value));
      showAnnotated(doc, out);
    } catch (e) { clear(out); out.append(errorBox((e as Error).message)); }
  });
}
