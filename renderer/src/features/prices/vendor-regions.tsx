/**
 * The vendor registry: who made a model, where the maker is based, and the
 * origin region the dashboard's region split uses. The user can move a vendor to another region (a lab
 * moves, a user disagrees) and reset it to the built-in one; the engine moves the vendor's usage with it.
 */
import { useMemo, useState } from 'react';
import type { VendorRow } from '../../../../shared/contract/api/vendors';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import './fx-vendors.css';
import { useT, type T } from '../../ui/i18n';
import { getFormatLocale } from '../../ui/format';
import type { MessageId } from '../../../../shared/i18n';

type Region = 'US' | 'CN' | 'EU' | 'other';
const REGIONS: Array<[Region, MessageId]> = [
  ['US', 'app.region.US'],
  ['CN', 'app.region.CN'],
  ['EU', 'app.region.EU'],
  ['other', 'app.region.other'],
];
const REGION_LABELS: Record<string, MessageId> = Object.fromEntries(REGIONS);

let countryNames: Intl.DisplayNames | null | undefined;
/** "FR" -> "France" in the window's language; the code itself when the runtime cannot name it. */
function countryName(code: string): string {
  if (!code) return '—';
  if (countryNames === undefined) {
    try {
      countryNames = new Intl.DisplayNames(getFormatLocale(), { type: 'region' });
    } catch {
      countryNames = null;
    }
  }
  try {
    return countryNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

function matches(v: VendorRow, q: string, t: T): boolean {
  if (!q) return true;
  const region = REGION_LABELS[v.region];
  const hay = `${v.id} ${v.displayName} ${v.country} ${countryName(v.country)} ${region ? t(region) : v.region}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

function VendorTable({
  shown,
  total,
  changed,
  busy,
  onSetRegion,
}: {
  shown: VendorRow[];
  total: number;
  changed: number;
  busy: boolean;
  onSetRegion(v: VendorRow, region: Region | null): void;
}) {
  const t = useT();
  return (
    <div className="table-scroll vendor-table">
      <table className="data" data-testid="vendor-table">
        <caption className="muted">
          {t('prices.vendors.caption', { shown: shown.length, total, changed })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('explore.dim.vendor')}</th>
            <th scope="col">{t('prices.vendors.hq')}</th>
            <th scope="col">{t('overview.col.region')}</th>
            <th scope="col" className="opt">{t('prices.vendors.setBy')}</th>
            <th scope="col">
              <span className="sr-only">{t('imports.map.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((v) => (
            <tr key={v.id} data-vendor={v.id}>
              <th scope="row" title={t('prices.vendors.setByTitle', { setBy: v.regionSource === 'user' ? t('prices.vendors.you') : t('prices.builtin') })}>
                {v.displayName}
              </th>
              <td>{countryName(v.country)}</td>
              <td>
                <select
                  aria-label={t('prices.vendors.regionOf', { name: v.displayName })}
                  value={v.region}
                  disabled={busy}
                  onChange={(e) => onSetRegion(v, e.target.value as Region)}
                >
                  {REGIONS.map(([r, label]) => (
                    <option key={r} value={r}>
                      {t(label)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="opt">{v.regionSource === 'user' ? t('prices.vendors.you') : t('prices.builtin')}</td>
              <td>
                {v.regionSource === 'user' && (
                  <button type="button" disabled={busy} aria-label={t('prices.vendors.resetLabel', { name: v.displayName })} onClick={() => onSetRegion(v, null)}>
                    {t('prices.vendors.reset')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function VendorRegions() {
  const client = useApp((s) => s.client);
  const vendors = useApiData((c) => c.call('vendors.list', {}), []);
  const [search, setSearch] = useState('');
  const [regionFilter, setRegionFilter] = useState<'' | Region | 'user'>('');
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useT();

  const all = useMemo(() => vendors.value ?? [], [vendors.value]);
  const shown = useMemo(
    () => all.filter((v) => matches(v, search.trim(), t) && (regionFilter === '' || (regionFilter === 'user' ? v.regionSource === 'user' : v.region === regionFilter))),
    [all, search, regionFilter, t],
  );
  const changed = all.filter((v) => v.regionSource === 'user').length;

  async function setRegion(v: VendorRow, region: Region | null) {
    if (!client) return;
    setBusy(v.id);
    setError(null);
    setStatus(null);
    try {
      const rows = await client.call('vendors.setRegion', { vendor: v.id, region });
      const now = rows.find((r) => r.id === v.id);
      const label = REGION_LABELS[now?.region ?? ''];
      const where = label ? t(label) : (now?.region ?? '');
      setStatus(
        region === null ? t('prices.vendors.back', { name: v.displayName, where }) : t('prices.vendors.moved', { name: v.displayName, where }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="vendors-title" className="card wide vendor-regions" data-testid="vendor-regions">
      <h2 id="vendors-title">{t('prices.vendors.title')}</h2>
      <p className="muted">{t('prices.vendors.intro')}</p>
      <div className="toolbar">
        <label>
          {t('prices.vendors.search')}
          <input type="search" value={search} placeholder={t('prices.vendors.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          {t('prices.vendors.show')}
          <select value={regionFilter} onChange={(e) => setRegionFilter(e.target.value as typeof regionFilter)}>
            <option value="">{t('prices.vendors.allRegions')}</option>
            {REGIONS.map(([r, label]) => (
              <option key={r} value={r}>
                {t(label)}
              </option>
            ))}
            <option value="user">{t('prices.vendors.changedByYou')}</option>
          </select>
        </label>
      </div>
      {vendors.state === 'error' && (
        <p role="alert" className="error">
          {vendors.error.message}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {status && <p role="status">{status}</p>}
      {!vendors.value ? (
        <p aria-busy="true">{t('prices.vendors.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{search ? t('prices.vendors.noMatch', { search }) : t('prices.vendors.noneInRegion')}</p>
      ) : (
        <VendorTable shown={shown} total={all.length} changed={changed} busy={busy !== null} onSetRegion={(v, region) => void setRegion(v, region)} />
      )}
    </section>
  );
}
