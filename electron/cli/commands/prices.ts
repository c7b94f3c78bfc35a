/**
 * `tokenledger prices`: the price book from a terminal: list, show / history of a model, set an
 * override or a custom model, unset it, load a LiteLLM / OpenRouter price source (dry run first),
 * recompute the ledger's estimates, list loaded sources.
 */
import type { Command, CommandContext } from '../command';
import { CliError } from '../errors';
import { formatInt, formatMoney, formatPrice, formatTokens, table } from '../format';
import type { PriceHistoryEntry, UnpricedModel, PriceList, RecomputePreview, SourceLoadResult, TokenPriceMap } from '../../../shared/contract/api/prices';
import { listSeparator } from '../../../shared/i18n/said';
import { locale, say, t } from '../i18n';

const CLASS_FLAGS = {
  input: 'input',
  'cache-read': 'cache_read',
  'cache-write-5m': 'cache_write_5m',
  'cache-write-1h': 'cache_write_1h',
  output: 'output',
  reasoning: 'reasoning',
} as const;

const CLASS_WORDS = [
  ['input', 'cli.prices.class.input'],
  ['cache_read', 'cli.prices.class.cacheRead'],
  ['cache_write_5m', 'cli.prices.class.cacheWrite5m'],
  ['cache_write_1h', 'cli.prices.class.cacheWrite1h'],
  ['output', 'cli.prices.class.output'],
  ['reasoning', 'cli.prices.class.reasoning'],
] as const;

/** A token class of the price book ('cache_read') in the output's language, with its price or change. */
function classWord(cls: string, price = ''): string {
  const id = CLASS_WORDS.find(([c]) => c === cls)?.[1];
  return id ? t(id, { price }).trim() : `${cls} ${price}`.trim();
}

const priceOrDash = (v: string | null | undefined) => (v === null || v === undefined ? '-' : formatPrice(v));

/** A model's prices per token class, in the output's language. */
function priceText(p: TokenPriceMap): string {
  const parts: string[] = [];
  for (const [cls, id] of CLASS_WORDS) {
    const v = p[cls];
    if (v !== undefined) parts.push(t(id, { price: formatPrice(v) }));
  }
  return parts.join(listSeparator(locale(), 'comma')) || '-';
}

export function recomputeText(r: RecomputePreview, applied: boolean): string {
  if (r.changed === 0) return t('cli.prices.noChanges', { examined: formatInt(r.examined) });
  const money = (v: string | null) => (v === null ? '-' : formatMoney(v));
  const lines = [
    t(applied ? 'cli.prices.recompute.applied' : 'cli.prices.recompute.preview', { changed: formatInt(r.changed), examined: formatInt(r.examined), days: r.days.length }),
    table(
      (['model', 'currency', 'facts', 'before', 'after', 'delta', 'nowPriced', 'nowUnpriced'] as const).map((c) => t(`cli.prices.recompute.col.${c}`)),
      r.models.map((m) => [m.model, m.currency ?? t('cli.prices.recompute.unpriced'), formatInt(m.facts), money(m.before), money(m.after), money(m.delta), formatInt(m.nowPriced), formatInt(m.nowUnpriced)]),
      [false, false, true, true, true, true, true, true],
    ),
  ];
  return lines.join('\n');
}

function historyTable(h: PriceHistoryEntry[]): string {
  return table(
    (['model', 'route', 'currency', 'from', 'to', 'prices', 'tiers', 'origin', 'source'] as const).map((c) => t(`cli.prices.col.${c}`)),
    h.map((e) => [
      e.model,
      e.route,
      e.currency,
      e.effectiveFrom,
      e.effectiveTo ?? t('cli.prices.inForce'),
      e.withdrawn ? t('cli.prices.withdrawn') : priceText(e.prices),
      e.tiersSaid.map(say).join(listSeparator(locale())) || '-',
      t('cli.prices.origin', { origin: e.origin }) + (e.overrideId !== null ? ` #${e.overrideId}` : ''),
      e.source.length > 60 ? e.source.slice(0, 57) + '...' : e.source,
    ]),
  );
}

function sourceText(r: SourceLoadResult): string {
  const out = [
    t(r.applied ? 'cli.prices.source.loaded' : 'cli.prices.source.dryRun', { kind: r.kind === 'litellm' ? 'LiteLLM' : 'OpenRouter', file: r.file, from: r.effectiveFrom }),
    `  ${t('cli.prices.source.counts', { added: formatInt(r.added), changed: formatInt(r.changed), held: formatInt(r.held), accepted: formatInt(r.heldAccepted), unresolved: formatInt(r.unresolved.length) })}`,
  ];
  const shown = r.changes.slice(0, 40);
  if (shown.length) {
    out.push('');
    out.push(
      table(
        (['change', 'model', 'route', 'currency', 'fields'] as const).map((c) => t(`cli.prices.source.col.${c}`)),
        shown.map((c) => [
          t(c.held ? (c.applies ? 'cli.prices.source.change.heldAccepted' : 'cli.prices.source.change.held') : `cli.prices.source.change.${c.kind}`),
          c.model,
          c.route,
          c.currency,
          Object.entries(c.fields)
            .map(([k, [a, b]]) => t('cli.prices.source.field', { field: classWord(k), old: priceOrDash(a), new: priceOrDash(b) }))
            .join(listSeparator(locale(), 'comma')),
        ]),
      ),
    );
    if (r.changes.length > shown.length) out.push(`  ${t('cli.prices.source.more', { count: formatInt(r.changes.length - shown.length) })}`);
  }
  const held = r.changes.filter((c) => c.held && !c.applies);
  if (held.length) {
    out.push('');
    out.push(t(r.applied ? 'cli.prices.source.heldLoaded' : 'cli.prices.source.heldPreview'));
    for (const c of held) out.push(`  ${c.key}: ${c.heldSaid ? say(c.heldSaid) : c.heldReason}`);
    out.push(t('cli.prices.source.acceptHint'));
  }
  out.push('');
  out.push(recomputeText(r.recompute, r.applied));
  if (!r.applied) out.push(t(r.changes.some((c) => c.applies) ? 'cli.dryRun.nothingWritten' : 'cli.prices.source.nothingToLoad'));
  return out.join('\n');
}

function dayOrInstant(v: unknown, flag: string): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) throw new CliError('errors.prices.needsDay', { flag });
  return v;
}

/** One unpriced model: where, which tier, how much, why, and how to price it. */
export function unpricedLine(m: UnpricedModel): string {
  const own = !m.billedTokens ? '' : m.billedTokens === m.tokens ? t('cli.prices.unpricedOwnAll') : t('cli.prices.unpricedOwn', { tokens: formatInt(m.billedTokens) });
  const tier = m.tier === 'standard' ? '' : ` --tier ${m.tier}`;
  const route = m.route === 'direct' ? '' : ` --route ${m.route}`;
  return t('cli.prices.unpricedModel', {
    model: m.model,
    where: m.tier === 'standard' ? m.provider : t('cli.prices.unpricedTier', { provider: m.provider, tier: m.tier }),
    tokens: formatTokens(m.tokens),
    facts: formatInt(m.facts),
    own,
    reason: m.reasonSaid ? say(m.reasonSaid) : t('cli.prices.unpricedNoReason'),
    command: `tokenledger prices set ${m.model}${tier}${route} ...`,
  });
}

function listText(r: PriceList): string {
  return [
    table(
      (['model', 'vendor', 'region', 'route', 'currency', 'prices', 'from', 'origin', 'facts'] as const).map((c) => t(`cli.prices.col.${c}`)),
      r.rows.map((m) => [m.model, m.vendor ?? '-', m.region ?? '-', m.route, m.currency, priceText(m.prices), m.effectiveFrom, t('cli.prices.origin', { origin: m.origin }), m.facts]),
      [false, false, false, false, false, false, false, false, true],
    ),
    r.total > r.rows.length ? t('cli.prices.some', { shown: r.rows.length, total: r.total }) : t('cli.prices.all', { total: r.total }),
    ...(r.unpriced.models.length
      ? [
          '',
          t('cli.prices.unpriced', { tokens: formatTokens(r.unpriced.tokens), count: r.unpriced.models.length }),
          ...r.unpriced.models.map((m) => `  ${unpricedLine(m)}`),
        ]
      : []),
  ].join('\n');
}

const TIERS = ['standard', 'batch', 'priority', 'flex'] as const;

function tierOption(v: string): (typeof TIERS)[number] {
  const tier = TIERS.find((x) => x === v);
  if (!tier) throw new CliError('errors.prices.badTier', { tiers: TIERS.join(', '), given: v });
  return tier;
}

/** The optional parts of `prices set`: an end date, a route, a withdrawal, a note, a dry run. */
function setOptions(values: Record<string, unknown>) {
  return {
    ...(typeof values.to === 'string' ? { effectiveTo: dayOrInstant(values.to, '--to') } : {}),
    ...(typeof values.route === 'string' ? { route: values.route } : {}),
    ...(typeof values.tier === 'string' ? { tier: tierOption(values.tier) } : {}),
    ...(values.withdraw ? { withdrawn: true } : {}),
    ...(typeof values.note === 'string' ? { note: values.note } : {}),
    dryRun: values['dry-run'] === true,
  };
}

async function run(sub: string | undefined, rest: string[], values: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const api = await ctx.api();
  const out = (v: unknown, text: () => string) => ctx.io.out(ctx.json ? JSON.stringify(v, null, 2) : text());
  switch (sub) {
    case undefined:
    case 'list': {
      const r = await api.call('prices.list', {
        ...(typeof values.search === 'string' ? { search: values.search } : {}),
        ...(values['in-ledger'] ? { inLedger: true } : {}),
        ...(typeof values.limit === 'string' ? { limit: Number(values.limit) } : {}),
      });
      out(r, () => listText(r));
      return 0;
    }
    case 'show':
    case 'history': {
      const model = rest[0];
      if (!model) throw new CliError('errors.prices.needsModel', { sub });
      const r = await api.call('prices.show', { model });
      out(r, () => {
        const maker = r.vendor ? t('cli.prices.show.head', { model: r.model, vendor: r.vendor, region: String(r.region) }) : t('cli.prices.show.headUnknown', { model: r.model });
        const head = r.family && r.family !== r.model ? t('cli.prices.show.family', { head: maker, family: r.family }) : maker;
        const counts = { facts: formatInt(r.ledger.facts), tokens: formatTokens(r.ledger.tokens) };
        const ledger = r.ledger.unpricedFacts ? t('cli.prices.show.ledgerUnpriced', { ...counts, unpriced: formatInt(r.ledger.unpricedFacts) }) : t('cli.prices.show.ledger', counts);
        const entries = sub === 'show' ? r.history.filter((e) => e.effectiveTo === null) : r.history;
        return [head, ledger, '', entries.length ? historyTable(entries) : t('cli.prices.show.none')].join('\n');
      });
      return 0;
    }
    case 'set': {
      const model = rest[0];
      if (!model) throw new CliError('errors.prices.setNeedsModel');
      const prices: Record<string, string> = {};
      for (const [flag, cls] of Object.entries(CLASS_FLAGS)) if (typeof values[flag] === 'string') prices[cls] = values[flag];
      if (typeof values.currency !== 'string') throw new CliError('errors.prices.setNeedsCurrency');
      const r = await api.call('prices.set', {
        model,
        currency: values.currency,
        effectiveFrom: dayOrInstant(values.from, '--from'),
        prices,
        ...setOptions(values),
      });
      const tier = typeof values.tier === 'string' && values.tier !== 'standard' ? values.tier : null;
      const saved = () => (tier ? t('cli.prices.set.savedTier', { tier, id: String(r.overrideId), model }) : t('cli.prices.set.saved', { id: String(r.overrideId), model }));
      out(r, () => [r.applied ? saved() : t('cli.dryRun.nothing'), recomputeText(r.recompute, r.applied)].join('\n'));
      return 0;
    }
    case 'unset': {
      const id = Number(rest[0]);
      if (!Number.isInteger(id) || id <= 0) throw new CliError('errors.prices.unsetNeedsId', { command: 'prices history <model>' });
      const r = await api.call('prices.unset', { id, dryRun: values['dry-run'] === true });
      out(r, () => [r.applied ? t('cli.prices.unset.deleted', { id: String(id) }) : t('cli.dryRun.nothing'), recomputeText(r.recompute, r.applied)].join('\n'));
      return 0;
    }
    case 'load': {
      const path = rest[0];
      if (!path) throw new CliError('errors.prices.loadNeedsFile');
      const held = values['accept-held'] as string[] | undefined;
      const r = await api.call('prices.loadSource', {
        path,
        dryRun: values['dry-run'] === true,
        ...(typeof values.kind === 'string' ? { kind: values.kind as 'litellm' | 'openrouter' } : {}),
        ...(typeof values.from === 'string' ? { effectiveFrom: values.from } : {}),
        ...(held?.length ? { acceptHeld: held.includes('all') ? ('all' as const) : held } : {}),
      });
      out(r, () => sourceText(r));
      return 0;
    }
    case 'recompute': {
      const r = await api.call('prices.recompute', { dryRun: values['dry-run'] === true });
      out(r, () => recomputeText(r, r.applied));
      return 0;
    }
    case 'sources': {
      const r = await api.call('prices.sources', {});
      out(r, () =>
        r.length
          ? table(
              (['id', 'kind', 'file', 'from', 'entries', 'heldAccepted', 'heldSkipped', 'status'] as const).map((c) => t(`cli.prices.sources.col.${c}`)),
              r.map((s) => [s.id, s.kind, s.file, s.effectiveFrom, formatInt(s.entries), formatInt(s.heldAccepted), formatInt(s.heldSkipped), t(`cli.prices.sources.status.${s.status}`)]),
              [true, false, false, false, true, true, true, false],
            )
          : t('cli.prices.noSources'),
      );
      return 0;
    }
    default:
      throw new CliError('errors.prices.unknownSub', { given: String(sub) });
  }
}

export const pricesCommand: Command = {
  usage: 'prices list|show <model>|history <model>|set <model> ...|unset <id>|load <file> [--dry-run]|recompute|sources',
  help: `  list [--search TEXT] [--in-ledger] [--limit N]   models and their price today; unpriced usage
  show <model>                                   the prices in force now, per route and currency
  history <model>                                every dated price of the model
  set <model> --currency CUR --from DAY [--to DAY] [--route R] [--tier standard|batch|priority|flex]
      [--input P] [--cache-read P] [--cache-write-5m P] [--cache-write-1h P] [--output P] [--reasoning P]
      [--withdraw] [--note TEXT] [--dry-run]      add an override or a custom model (prices per 1M tokens);
                                                 with --tier, the prices of that service tier only
  unset <id> [--dry-run]                         delete an override
  load <file> [--dry-run] [--accept-held KEY|all]... [--kind litellm|openrouter] [--from DAY]
                                                 load a LiteLLM or OpenRouter price list
  recompute [--dry-run]                          re-price the ledger with the current book
  sources                                        loaded price sources`,
  options: {
    search: { type: 'string' },
    'in-ledger': { type: 'boolean' },
    limit: { type: 'string' },
    currency: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    route: { type: 'string' },
    tier: { type: 'string' },
    input: { type: 'string' },
    'cache-read': { type: 'string' },
    'cache-write-5m': { type: 'string' },
    'cache-write-1h': { type: 'string' },
    output: { type: 'string' },
    reasoning: { type: 'string' },
    withdraw: { type: 'boolean' },
    note: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'accept-held': { type: 'string', multiple: true },
    kind: { type: 'string' },
  },
  allowPositionals: true,
  run({ values, positionals }, ctx) {
    const [sub, ...rest] = positionals;
    return run(sub, rest, values, ctx);
  },
};
