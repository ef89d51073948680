// Small DOM helpers. Text is always set through textContent, never innerHTML, so article text cannot inject markup.

type Attrs = Record<string, string | number | boolean | undefined | null>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

export function clear(node: Element): void { while (node.firstChild) node.removeChild(node.firstChild); }

export function errorBox(message: string): HTMLElement { return el('div', { class: 'error', role: 'alert' }, message); }

/** Marks the moment a view has drawn its data and the main thread is free again (read by the load tool). */
export function markReady(): void {
  requestAnimationFrame(() => setTimeout(() => { if (performance.getEntriesByName('sitrep:ready').length === 0) performance.mark('sitrep:ready'); }, 0));
}
