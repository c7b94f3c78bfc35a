/** Load a LiteLLM or OpenRouter price source: a dry run first, and held changes only once accepted. */
import { useState } from 'react';
import type { SourceChange, SourceLoadResult } from '../../../../shared/contract/api/prices';
import { useApp } from '../../client/store';
import { fileToBase64 } from '../../ui/files';
import { RecomputeTable } from './recompute-table';
import { useSay, useT, useTRich } from '../../ui/i18n';

type Change = SourceChange;

/** Changes a hundred times away from the price they replace: each applies only once ticked. */
function HeldChanges({ held, accept, applied, onAccept }: { held: Change[]; accept: Set<string>; applied: boolean; onAccept(next: Set<string>): void }) {
  const t = useT();
  const say = useSay();
  return (
    <fieldset>
      <legend>{t('prices.source.held')}</legend>
      {held.map((c) => (
        <label key={c.key} className="check">
          <input
            type="checkbox"
            checked={accept.has(c.key) || c.applies}
            disabled={applied}
            onChange={(e) => {
              const next = new Set(accept);
              if (e.target.checked) next.add(c.key);
              else next.delete(c.key);
              onAccept(next);
            }}
          />{' '}
          {c.model} ({c.route}, {c.currency}): {c.heldSaid ? say(c.heldSaid) : c.heldReason}
        </label>
      ))}
    </fieldset>
  );
}

function SourceChanges({ changes }: { changes: Change[] }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="data" data-testid="source-changes">
        <caption className="muted">{t('prices.source.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('prices.recompute.change')}</th>
            <th scope="col">{t('explore.dim.model')}</th>
            <th scope="col">{t('tips.ev.route')}</th>
            <th scope="col">{t('prices.source.oldNew')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.slice(0, 50).map((c) => (
            <tr key={c.key}>
              <td>{c.held ? t('prices.source.kind.held') : c.kind === 'added' ? t('prices.source.kind.added') : c.kind === 'changed' ? t('prices.source.kind.changed') : c.kind}</td>
              <td>{c.model}</td>
              <td>{c.route}</td>
              <td>
                {Object.entries(c.fields)
                  .map(([k, [a, b]]) => `${k} ${a ?? '—'} → ${b ?? '—'} ${c.currency}`)
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SourceLoader() {
  const client = useApp((s) => s.client);
  const [upload, setUpload] = useState<{ name: string; contentBase64: string } | null>(null);
  const [result, setResult] = useState<SourceLoadResult | null>(null);
  const [accept, setAccept] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = useT();
  const tRich = useTRich();
  async function run(file: { name: string; contentBase64: string }, dryRun: boolean) {
    if (!client) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await client.call('prices.loadSource', { file, dryRun, acceptHeld: [...accept] }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  async function choose(files: FileList | null) {
    const f = files?.[0];
    if (!f) return;
    const up = { name: f.name, contentBase64: await fileToBase64(f) };
    setUpload(up);
    setAccept(new Set());
    await run(up, true);
  }
  const held = result?.changes.filter((c) => c.held) ?? [];
  return (
    <section aria-labelledby="source-title" className="card wide">
      <h2 id="source-title">{t('prices.source.title')}</h2>
      <p className="muted">{tRich('prices.source.intro', { litellm: <code>model_prices_and_context_window.json</code>, openrouter: <code>/api/v1/models</code> })}</p>
      <label>
        {t('prices.source.file')}
        <input type="file" accept=".json,application/json" onChange={(e) => void choose(e.target.files)} disabled={busy} />
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <div data-testid="source-result">
          <p role="status">
            {t(result.applied ? 'prices.source.loaded' : 'prices.source.dryRun', {
              file: result.file,
              added: result.added,
              changed: result.changed,
              held: result.held,
              unresolved: result.unresolved.length,
            })}
          </p>
          {held.length > 0 && <HeldChanges held={held} accept={accept} applied={result.applied} onAccept={setAccept} />}
          <SourceChanges changes={result.changes} />
          <RecomputeTable r={result.recompute} applied={result.applied} />
          {!result.applied && upload && (
            <button type="button" className="primary" disabled={busy} onClick={() => void run(upload, false)}>
              {t('prices.source.load', { count: result.added + result.changed + accept.size })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
