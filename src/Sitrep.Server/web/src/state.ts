// Filters shared by the events table, the map and the timeline: a brush on the timeline narrows all three.

export interface Filters {
  actor?: string; cameo?: string; plover?: string; place?: string; near?: string;
  from?: string; to?: string; speaker?: string; q?: string;
}

type Listener = (f: Filters) => void;

export class FilterState {
  private current: Filters = {};
  private listeners: Listener[] = [];

  get value(): Filters { return { ...this.current }; }

  set(patch: Filters): void {
    const next: Filters = { ...this.current, ...patch };
    for (const k of Object.keys(next) as (keyof Filters)[]) if (!next[k]) delete next[k];
    this.current = next;
    for (const l of this.listeners) l(this.value);
  }

  onChange(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => { this.listeners = this.listeners.filter(l => l !== listener); };
  }
}

export const filters = new FilterState();

export const FILTER_FIELDS: { key: keyof Filters; label: string; placeholder: string }[] = [
  { key: 'q', label: 'Text', placeholder: 'full text' },
  { key: 'actor', label: 'Actor', placeholder: 'IRQ' },
  { key: 'cameo', label: 'CAMEO', placeholder: '19' },
  { key: 'plover', label: 'PLOVER', placeholder: 'ASSAULT' },
  { key: 'place', label: 'Place', placeholder: 'Mosul' },
  { key: 'near', label: 'Near', placeholder: 'lat,lon,km' },
  { key: 'from', label: 'From', placeholder: 'YYYY-MM-DD' },
  { key: 'to', label: 'To', placeholder: 'YYYY-MM-DD' },
];
