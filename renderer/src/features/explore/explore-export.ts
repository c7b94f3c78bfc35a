/** An Explore view out of the window: the CSV export and the CLI command that prints the same figures. */
import type { ReportExplore, ViewGroup } from '../../../../shared/contract/api/report';
import { tokenTotal } from '../../../../shared/domain/aggregate';
import { TOKEN_CLASSES } from '../../../../shared/domain/fact';
import { NAMED_DIMENSIONS, type NamedDimension } from '../../../../shared/contract/api/names';
import { displayName } from '../../../../shared/domain/names';
import { showsNames } from '../../ui/named-key';
import { csvCell } from '../../ui/files';
import type { ExploreView } from './view-state';

/** The view as CSV: one line per group and a TOTAL line, the figures of `report --json`. */
export function exploreCsv(r: ReportExplore): string {
  const currencies = [...new Set([...r.rows.flatMap((g) => Object.keys(g.spend)), ...Object.keys(r.totals.spend)])].sort();
  // A dimension shown by names (project, key, member, account, machine) gets a column of its names after its ids,
  // each as every screen shows it; a dimension whose ids can share a name (all but machine) then gets the ids
  // each key stands for (ids named alike are one row), separated by "; ".
  const named = r.groupBy.map(showsNames);
  const grouped = r.groupBy.map((d) => (NAMED_DIMENSIONS as readonly string[]).includes(d));
  const withNames = (keys: (string | null)[]) =>
    keys.flatMap((k, i) => {
      if (!named[i]) return [k];
      const d = r.groupBy[i]!;
      const name = k === null ? null : displayName(r.names, d, k);
      if (!grouped[i]) return [k, name];
      return [k, name, k === null ? null : (r.ids[d as NamedDimension]?.[k] ?? [k]).join('; ')];
    });
  const head = [
    ...(r.bucket === 'none' ? [] : [r.bucket]),
    ...r.groupBy.flatMap((d, i) => (grouped[i] ? [d, `${d}_name`, `${d}_ids`] : named[i] ? [d, `${d}_name`] : [d])),
    `spend_${r.display.currency}`,
    ...currencies.map((c) => `spend_native_${c}`),
    ...TOKEN_CLASSES,
    'tokens_total',
    'requests',
    'facts',
  ];
  const line = (lead: (string | null)[], g: Omit<ViewGroup, 'keys' | 'bucket' | 'billed' | 'estimated' | 'unpricedTokens'>) =>
    [
      ...lead,
      g.spendDisplay,
      ...currencies.map((c) => g.spend[c] ?? '0'),
      ...TOKEN_CLASSES.map((c) => g.tokens[c]),
      tokenTotal(g.tokens),
      g.requests,
      g.facts,
    ]
      .map(csvCell)
      .join(',');
  const lines = [head.join(',')];
  for (const g of r.rows) lines.push(line([...(r.bucket === 'none' ? [] : [g.bucket]), ...withNames(g.keys)], g));
  const pad = (r.bucket === 'none' ? 0 : 1) + r.groupBy.length + named.filter(Boolean).length + grouped.filter(Boolean).length;
  lines.push(line(pad > 0 ? ['TOTAL', ...Array<null>(pad - 1).fill(null)] : [], r.totals));
  return lines.join('\r\n') + '\r\n';
}

export function cliCommand(r: ReportExplore, v: ExploreView): string {
  const parts = ['tokenledger report'];
  if (r.groupBy.length) parts.push(`--by ${r.groupBy.join(',')}`);
  if (r.from) parts.push(`--from ${r.from}`);
  if (r.to) parts.push(`--to ${r.to}`);
  if (r.bucket !== 'none') parts.push(`--bucket ${r.bucket}`);
  for (const [d, vals] of Object.entries(v.filters)) for (const x of vals ?? []) parts.push(`--filter ${d}=${x ?? ''}`);
  parts.push(`--tz ${r.timeZone}`, `--currency ${r.display.currency}`, '--json');
  return parts.join(' ');
}
