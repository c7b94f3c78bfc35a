/** The profile's name and the values every row shares: provider, time format and zone, granularity, currency, number style. */
import type { MappingRoles } from '../../../../../shared/contract/api/mappings';
import { TIME_FORMATS, type TimeFormat } from '../../../../../shared/domain/csv-mapping';
import { GRANULARITIES, type Granularity } from '../../../../../shared/domain/fact';
import { useT } from '../../../ui/i18n';
import type { MessageId } from '../../../../../shared/i18n';

const COMMON_ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney'];
export const DELIMITER_NAMES: Record<string, MessageId> = { ',': 'imports.delim.comma', ';': 'imports.delim.semicolon', '\t': 'imports.delim.tab', '|': 'imports.delim.bar' };
const GRANULARITY_LABELS: Record<Granularity, MessageId> = { request: 'imports.gran.request', hour: 'imports.gran.hour', day: 'imports.gran.day', month: 'imports.gran.month' };

const TIME_FORMAT_LABELS: Record<TimeFormat, MessageId> = {
  iso: 'imports.timeFormat.iso',
  'epoch-s': 'imports.timeFormat.epochS',
  'epoch-ms': 'imports.timeFormat.epochMs',
  mdy: 'imports.timeFormat.mdy',
  dmy: 'imports.timeFormat.dmy',
};


interface RolesProps {
  ids: string;
  roles: MappingRoles;
  update(f: (r: MappingRoles) => MappingRoles): void;
}

/** How the file writes its times: format, the zone of times without one, and what one row covers. */
function TimeFields({ ids, roles, update }: RolesProps) {
  const t = useT();
  return (
    <>
      <label>
        {t('imports.map.timeFormat')}
        <select value={roles.time.format} onChange={(e) => update((r) => ({ ...r, time: { ...r.time, format: e.target.value as TimeFormat } }))}>
          {TIME_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(TIME_FORMAT_LABELS[f])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('imports.map.timeZone')}
        <input type="text" list={`${ids}-zones`} value={roles.time.timeZone} onChange={(e) => update((r) => ({ ...r, time: { ...r.time, timeZone: e.target.value.trim() } }))} />
        <datalist id={`${ids}-zones`}>
          {COMMON_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <label>
        {t('imports.map.eachRow')}
        <select value={roles.time.granularity} onChange={(e) => update((r) => ({ ...r, time: { ...r.time, granularity: e.target.value as Granularity } }))}>
          {GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {t(GRANULARITY_LABELS[g])}
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
  const t = useT();
  return (
    <fieldset className="mapping-fixed">
      <legend>{t('imports.map.fixed')}</legend>
      <label>
        {t('imports.map.profileName')}
        <input type="text" value={name} onChange={(e) => onName(e.target.value)} maxLength={100} />
      </label>
      <div className="field">
        <label htmlFor={`${ids}-provider`}>{t('explore.dim.provider')}</label>
        <input
          id={`${ids}-provider`}
          type="text"
          value={roles.provider}
          onChange={(e) => update((r) => ({ ...r, provider: e.target.value.trim().toLowerCase() }))}
          aria-describedby={`${ids}-provider-help`}
        />
        <small id={`${ids}-provider-help`} className="muted">
          {t('imports.map.providerHelp')}
        </small>
      </div>
      <TimeFields ids={ids} roles={roles} update={update} />
      {roles.currencyColumn === null && (
        <label>
          {t('imports.map.currency')}
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
        {t('imports.map.inputIncludesCached')}
      </label>
      <label className="check">
        <input type="checkbox" checked={roles.decimalComma} onChange={(e) => update((r) => ({ ...r, decimalComma: e.target.checked }))} />
        {t('imports.map.decimalComma')}
      </label>
    </fieldset>
  );
}
