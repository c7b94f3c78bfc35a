/**
 * `tokenledger vendors list | set-region | reset`: the vendor registry with each vendor's origin
 * region; re-assigning a region moves the vendor's facts in the ledger with it.
 */
import type { VendorRow } from '../../../shared/contract/api/vendors';
import type { Command } from '../command';
import { CliError } from '../errors';
import { table } from '../format';
import { t } from '../i18n';

const SUBCOMMANDS = ['list', 'set-region', 'reset'] as const;
const REGIONS = ['US', 'CN', 'EU', 'other'] as const;
type Region = (typeof REGIONS)[number];

function regionOf(v: string): Region {
  const r = REGIONS.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!r) throw new CliError('errors.vendors.badRegion', { given: v });
  return r;
}

function vendorsTable(rows: VendorRow[]): string {
  return table(
    (['vendor', 'name', 'country', 'region', 'setBy'] as const).map((c) => t(`cli.vendors.col.${c}`)),
    rows.map((v) => [v.id, v.displayName, v.country, v.region, v.regionSource === 'user' ? t('cli.vendors.setBy.user') : t('cli.vendors.setBy.builtin')]),
  );
}

function oneVendor(rows: VendorRow[], id: string): VendorRow | undefined {
  return rows.find((v) => v.id === id);
}

export const vendorsCommand: Command = {
  usage: 'vendors list [--region R] | set-region <vendor> <US|CN|EU|other> | reset <vendor>',
  help: `  list [--region R]              every vendor with its country and region (R: US, CN, EU or other)
  set-region VENDOR REGION       move a vendor (and its facts in the ledger) to US, CN, EU or other
  reset VENDOR                   back to the built-in region`,
  options: {
    region: { type: 'string' },
  },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const [sub = 'list', ...rest] = positionals;
    if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new CliError('errors.vendors.unknownSub', { subs: SUBCOMMANDS.join(', '), given: sub });
    const out = (v: unknown, text: () => string) => ctx.io.out(ctx.json ? JSON.stringify(v, null, 2) : text());
    if (sub === 'list') {
      const region = typeof values.region === 'string' ? regionOf(values.region) : undefined;
      const api = await ctx.api();
      const rows = (await api.call('vendors.list', {})).filter((v) => !region || v.region === region);
      out(rows, () => (rows.length ? `${vendorsTable(rows)}\n${t('cli.vendors.count', { count: rows.length })}` : t('cli.vendors.none', { region: String(region) })));
      return 0;
    }
    const [vendor, regionArg] = rest;
    if (!vendor) throw new CliError('errors.vendors.needsVendor', { sub });
    let region: Region | null = null;
    if (sub === 'set-region') {
      if (!regionArg) throw new CliError('errors.vendors.needsRegion');
      region = regionOf(regionArg);
    }
    const api = await ctx.api();
    const rows = await api.call('vendors.setRegion', { vendor, region });
    const row = oneVendor(rows, vendor);
    out(row ?? { id: vendor, region }, () =>
      row
        ? t(row.regionSource === 'builtin' ? 'cli.vendors.movedBuiltin' : 'cli.vendors.moved', { name: row.displayName, id: row.id, region: row.region })
        : t('cli.vendors.movedUnknown', { id: vendor, region: region ?? 'other' }),
    );
    return 0;
  },
};
