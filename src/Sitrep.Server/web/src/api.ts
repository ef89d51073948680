// Typed calls to the Sitrep HTTP API. Every error response is RFC 7807 problem details; we surface its detail.

export interface Page<T> { items: T[]; nextCursor: string | null }

export interface DocumentRow {
  id: number; storyId: number; contentHash: string; source: string | null; url: string | null;
  title: string | null; publisher: string | null; published: string | null; characters: number;
  entities: number; quotes: number; events: number; ingested: string;
}

export interface EventRow {
  id: number; key: string; cameo: string; cameoRoot: string; plover: string | null;
  sourceActor: string | null; targetActor: string | null; sourceName: string | null; targetName: string | null;
  day: string | null; placeName: string | null; countryCode: string | null; admin1: string | null;
  lat: number | null; lon: number | null; fatalities: number | null; injured: number | null;
  numMentions: number; numSources: number; numArticles: number; firstDocumentId: number; trigger: string | null;
}

export interface QuoteRow {
  documentId: number; quoteId: string; kind: string; text: string; start: number; end: number;
  speakerEntity: string | null; speaker: string | null; speakerText: string | null; cue: string | null;
  anonymous: boolean; published: string | null; title: string | null; source: string | null;
}

export interface EntityRow {
  type: string; name: string; country: string | null; actor: string | null; lat: number | null; lon: number | null;
  countryCode: string | null; documents: number; mentions: number;
}

export interface Stats {
  documents: number; stories: number; entities: number; quotes: number; events: number; eventMentions: number;
}

export interface MapPoint {
  kind: 'events' | 'place'; name: string; lat: number; lon: number; count: number;
  quads: number[]; dominantQuad: number; countryCode: string | null;
}

export interface TimelineSeries { key: string; label: string; counts: number[] }
export interface Timeline { by: string; days: string[]; series: TimelineSeries[] }

// sitrep/1 document (the subset the page reads).
export interface Mention { start: number; end: number; text: string }
export interface SEntity {
  id: string; type: string; name: string; mentions: Mention[]; title: string | null; country: string | null;
  actor: string | null; place: { lat: number; lon: number; geonameId: number | null; countryCode: string | null; admin1: string | null; featureCode: string | null } | null;
}
export interface SQuote {
  id: string; kind: string; text: string; start: number; end: number; speaker: string | null;
  speakerText: string | null; cue: string | null; anonymous: boolean;
}
export interface STime { id: string; text: string; start: number; end: number; type: string; value: string | null; mod: string | null }
export interface SQuantity { id: string; text: string; start: number; end: number; value: number | null; qualifier: string | null; unit: string | null; kind: string }
export interface SEvent {
  id: string; cameo: string; plover: string | null; source: string | null; target: string | null;
  sourceActor: string | null; targetActor: string | null; date: string | null; place: string | null;
  fatalities: number | null; injured: number | null; sentence: number; trigger: Mention; negated: boolean;
  modality: string; quote: string | null;
}
export interface SitrepDoc {
  schema: string;
  document: { id: string; source: string; url: string | null; title: string | null; publisher: string | null; published: string | null; byline: string | null; text: string };
  sentences: { start: number; end: number }[];
  entities: SEntity[]; quotes: SQuote[]; times: STime[]; quantities: SQuantity[]; events: SEvent[];
}
export interface StoredDocument { info: DocumentRow; story: number[]; eventIds: Record<string, number>; sitrep: SitrepDoc }

export class ApiError extends Error {
  constructor(public status: number, message: string, public field: string | null) { super(message); }
}

export type Query = Record<string, string | number | undefined | null>;

export function qs(query: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? '?' + s : '';
}

async function check(res: Response): Promise<Response> {
  if (res.ok) return res;
  let detail = `${res.status} ${res.statusText}`;
  let field: string | null = null;
  try {
    const p = await res.json();
    if (p && typeof p.detail === 'string') detail = p.detail;
    if (p && typeof p.field === 'string') field = p.field;
  } catch { /* not JSON */ }
  throw new ApiError(res.status, detail, field);
}

export async function get<T>(path: string, query: Query = {}): Promise<T> {
  const res = await check(await fetch('/api/' + path + qs(query), { headers: { Accept: 'application/json' } }));
  return res.json() as Promise<T>;
}

export function apiKey(): string { return localStorage.getItem('sitrep.apiKey') ?? ''; }
export function setApiKey(key: string): void { localStorage.setItem('sitrep.apiKey', key); }

export async function post<T>(path: string, body: string, contentType: string): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': contentType, Accept: 'application/json' };
  const key = apiKey();
  if (key) headers['X-Api-Key'] = key;
  const res = await check(await fetch('/api/' + path, { method: 'POST', body, headers }));
  return res.json() as Promise<T>;
}
