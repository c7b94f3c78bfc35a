/** The profile's name and the values every row shares: provider, time format and zone, granularity, currency, number style. */
import type { MappingRoles } from '../../../../../shared/contract/api/mappings';
import { TIME_FORMAT_LABELS, TIME_FORMATS, type TimeFormat } from '../../../../../shared/domain/csv-mapping';
import { GRANULARITIES, type Granularity } from '../../../../../shared/domain/fact';

const COMMON_ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney'];
export const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'vertical bars' };
const GRANULARITY_LABELS: Record<Granularity, string> = { request: 'One request per row', hour: 'Hourly totals', day: 'Daily totals', month: 'Monthly totals' };


interface RolesProps {
  ids: string;
  roles: MappingRoles;
  update(f: (r: MappingRoles) => MappingRoles): void;
}

/** How the file writes its times: format, the zone of times without one, and what one row covers. */
function TimeFields({ ids, roles, update }: RolesProps) {
  return (
    <>
      <label>
        Time format
        <select value={roles.time.format} onChange={(e) => update((r) => ({ ...r, time: { ...r.time, format: e.target.value as TimeFormat } }))}>
          {TIME_FORMATS.map((f) => (
            <option key={f} value={f}>
              {TIME_FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Time zone of times written without one
        <input type="text" list={`${ids}-zones`} value={roles.time.timeZone} onChange={(e) => update((r) => ({ ...r, time: { ...r.time, timeZone: e.target.value.trim() } }))} />
        <datalist id={`${ids}-zones`}>
          {COMMON_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <label>
        Each row is
        <select value={roles.time.granularity} onChange={(e) => update((r) => ({ ...r, time: { ...r.time, granularity: e.target.value as Granularity } }))}>
          {GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {GRANULARITY_LABELS[g]}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

export function MappingFixedValues({
  ids,
  name,
  roles,
  onName,
  update,
}: RolesProps & {
  name: string;
  onName(name: string): void;
}) {
  return (
    <fieldset className="mapping-fixed">
      <legend>Profile and fixed values</legend>
      <label>
        Profile name
        <input type="text" value={name} onChange={(e) => onName(e.target.value)} maxLength={100} />
      </label>
      <div className="field">
        <label htmlFor={`${ids}-provider`}>Provider</label>
        <input
          id={`${ids}-provider`}
          type="text"
          value={roles.provider}
          onChange={(e) => update((r) => ({ ...r, provider: e.target.value.trim().toLowerCase() }))}
          aria-describedby={`${ids}-provider-help`}
        />
        <small id={`${ids}-provider-help`} className="muted">
          Who bills this usage, e.g. internal-gateway
        </small>
      </div>
      <TimeFields ids={ids} roles={roles} update={update} />
      {roles.currencyColumn === null && (
        <label>
          Currency of the cost
          <input
            type="text"
            value={roles.currency ?? ''}
            maxLength={3}
            size={4}
            onChange={(e) => update((r) => ({ ...r, currency: e.target.value.trim() === '' ? null : e.target.value.trim().toUpperCase() }))}
          />
        </label>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={roles.tokens.inputIncludesCached}
          onChange={(e) => update((r) => ({ ...r, tokens: { ...r.tokens, inputIncludesCached: e.target.checked } }))}
        />
        Input tokens include the cached ones (subtract cache reads)
      </label>
      <label className="check">
        <input type="checkbox" checked={roles.decimalComma} onChange={(e) => update((r) => ({ ...r, decimalComma: e.target.checked }))} />
        Decimal comma (1,5 means one and a half)
      </label>
    </fieldset>
  );
}
