/** Anthropic value sets shared by the API and Console importers. */

/** '0-200k' / '≤ 200k' -> null (standard); '200k-1M' / '> 200k' -> '>200k'. */
export function contextTierOf(raw: string | null): string | null {
  if (!raw) return null;
  const t = raw.replace(/\s+/g, '').toLowerCase();
  if (t === '0-200k' || t.startsWith('≤') || t.startsWith('<=')) return null;
  if (t.startsWith('200k') || t.startsWith('>')) return '>200k';
  return raw;
}

/** 'not_available' and '--' mean unknown. */
export function geoOf(raw: string | null): string | null {
  if (!raw || raw === 'not_available' || raw === '--') return null;
  return raw;
}
