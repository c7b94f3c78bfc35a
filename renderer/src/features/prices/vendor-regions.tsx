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

type Region = 'US' | 'CN' | 'EU' | 'other';
const REGIONS: Array<[Region, string]> = [
  ['US', 'United States'],
  ['CN', 'China'],
  ['EU', 'Europe'],
  ['other', 'Other'],
];
const REGION_LABELS: Record<string, string> = Object.fromEntries(REGIONS);

let countryNames: Intl.DisplayNames | null | undefined;
/** "FR" -> "France" in the window's language; the code itself when the runtime cannot name it. */
function countryName(code: string): string {
  if (!code) return '—';
  if (countryNames === undefined) {
    try {
      countryNames = new Intl.DisplayNames(undefined, { type: 'region' });
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

function matches(v: VendorRow, q: string): boolean {
  if (!q) return true;
  const hay = `${v.id} ${v.displayName} ${v.country} ${countryName(v.country)} ${REGION_LABELS[v.region] ?? v.region}`.toLowerCase();
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
  return (
    <div className="table-scroll vendor-table">
      <table className="data" data-testid="vendor-table">
        <caption className="muted">
          {shown.length} of {total} vendors{changed > 0 ? `, ${changed} changed by you` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col">Headquarters</th>
            <th scope="col">Region</th>
            <th scope="col">Set by</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((v) => (
            <tr key={v.id} data-vendor={v.id}>
              <th scope="row">{v.displayName}</th>
              <td>{countryName(v.country)}</td>
              <td>
                <select
                  aria-label={`Region of ${v.displayName}`}
                  value={v.region}
                  disabled={busy}
                  onChange={(e) => onSetRegion(v, e.target.value as Region)}
                >
                  {REGIONS.map(([r, label]) => (
                    <option key={r} value={r}>
                      {label}
                    </option>
                  ))}
                </select>
              </td>
              <td>{v.regionSource === 'user' ? 'You' : 'Built-in'}</td>
              <td>
                {v.regionSource === 'user' && (
                  <button type="button" disabled={busy} aria-label={`Reset ${v.displayName} to its built-in region`} onClick={() => onSetRegion(v, null)}>
                    Reset
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

  const all = useMemo(() => vendors.value ?? [], [vendors.value]);
  const shown = useMemo(
    () => all.filter((v) => matches(v, search.trim()) && (regionFilter === '' || (regionFilter === 'user' ? v.regionSource === 'user' : v.region === regionFilter))),
    [all, search, regionFilter],
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
      const where = REGION_LABELS[now?.region ?? ''] ?? now?.region ?? '';
      setStatus(
        region === null
          ? `${v.displayName} is back in its built-in region, ${where}: its usage moved with it.`
          : `${v.displayName} is now in ${where}: its usage moved to ${where} in the region split.`,
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="vendors-title" className="card wide vendor-regions" data-testid="vendor-regions">
      <h2 id="vendors-title">Vendors and regions</h2>
      <p className="muted">
        Who made each model and where the maker is based. The dashboard splits spend by these regions. Change a region when a lab moves or you
        disagree: all of the vendor&apos;s usage, past and future, follows.
      </p>
      <div className="toolbar">
        <label>
          Search vendors
          <input type="search" value={search} placeholder="deepseek, France, Mistral…" onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          Show
          <select value={regionFilter} onChange={(e) => setRegionFilter(e.target.value as typeof regionFilter)}>
            <option value="">All regions</option>
            {REGIONS.map(([r, label]) => (
              <option key={r} value={r}>
                {label}
              </option>
            ))}
            <option value="user">Changed by you</option>
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
        <p aria-busy="true">Loading vendors…</p>
      ) : shown.length === 0 ? (
        <p className="muted">{search ? `No vendor matches “${search}”.` : 'No vendor in this region.'}</p>
      ) : (
        <VendorTable shown={shown} total={all.length} changed={changed} busy={busy !== null} onSetRegion={(v, region) => void setRegion(v, region)} />
      )}
    </section>
  );
}
