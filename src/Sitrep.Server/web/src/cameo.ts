// CAMEO roots and the four quad classes (verbal/material cooperation/conflict) used to colour the map and timeline.

export const ROOTS: Record<string, string> = {
  '01': 'Make public statement', '02': 'Appeal', '03': 'Express intent to cooperate', '04': 'Consult',
  '05': 'Engage in diplomatic cooperation', '06': 'Engage in material cooperation', '07': 'Provide aid',
  '08': 'Yield', '09': 'Investigate', '10': 'Demand', '11': 'Disapprove', '12': 'Reject', '13': 'Threaten',
  '14': 'Protest', '15': 'Exhibit force posture', '16': 'Reduce relations', '17': 'Coerce', '18': 'Assault',
  '19': 'Fight', '20': 'Use unconventional mass violence',
};

export const QUADS = ['', 'Verbal cooperation', 'Material cooperation', 'Verbal conflict', 'Material conflict'];
export const QUAD_COLOURS = ['#888888', '#2c7fb8', '#41ab5d', '#fd8d3c', '#d7301f'];

export function quadOf(cameo: string | null | undefined): number {
  if (!cameo || cameo.length < 2) return 0;
  const root = parseInt(cameo.slice(0, 2), 10);
  if (root >= 1 && root <= 5) return 1;
  if (root >= 6 && root <= 8) return 2;
  if (root >= 9 && root <= 13) return 3;
  if (root >= 14 && root <= 20) return 4;
  return 0;
}

/** A stable colour for a key (a quote speaker): the same speaker gets the same hue on every page. */
export function colourFor(key: string): string {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) { h ^= key.charCodeAt(i); h = Math.imul(h, 16777619); }
  return `hsl(${(h >>> 0) % 360}, 70%, 85%)`;
}
