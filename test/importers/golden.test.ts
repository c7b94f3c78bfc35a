import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headFromBytes } from '../../electron/engine/importers/kit/decode';
import { importers } from '../../electron/engine/importers/registry';
import { identify } from '../../electron/engine/imports/identify';
import { formatNano, parseDecimalToNano, type CurrencyCode } from '../../shared/domain/money';
import type { FactDraft } from '../../shared/domain/fact';
import { mergedFacts, parseFile, splitCredits } from './helpers';

const FIXTURES = join(__dirname, '../fixtures/exports');
const expected = JSON.parse(readFileSync(join(__dirname, '../fixtures/expected-totals.json'), 'utf8')) as Record<string, Expected>;

interface Expected {
  input_uncached: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning_subset_of_output: number;
  requests: number;
  cost: string;
  currency: string | null;
  rows: number;
  web_search_requests?: number;
  /** 'recorded': the cost is the tool's own figure (a gateway's log), never a bill. */
  cost_kind?: 'recorded';
}

/**
 * openrouter-generation.jsonl has no entry in expected-totals.json; computed by hand from its 6 records
 * (native_* counts are the billed ones; input = native_tokens_prompt - native_tokens_cached):
 *  input  = (48211-41872) + (51004-48203) + (12480-8192) + (30512-0) + (9920-6400) + (120500-0)
 *         = 6339 + 2801 + 4288 + 30512 + 3520 + 120500 = 167960
 *  cache_read = 41872 + 48203 + 8192 + 0 + 6400 + 0 = 104667
 *  output = 1832 + 911 + 2210 + 6120 + 1480 + 2400 = 14953
 *  reasoning = 4380 (the gemini-2.5-pro record), requests = 6
 *  cost = total_cost: 0.0590586 + 0.0365289 + 0.030352 + 0.09934 + 0.0030264 + 0.019875 = 0.2481809 USD
 */
const HAND_COMPUTED: Record<string, Expected> = {
  'openrouter-generation.jsonl': {
    input_uncached: 167960,
    cache_read: 104667,
    cache_write: 0,
    output: 14953,
    reasoning_subset_of_output: 4380,
    requests: 6,
    cost: '0.2481809',
    currency: 'USD',
    rows: 6,
  },
};

/**
 * Where expected-totals.json contradicts itself (reported to the lead, not silently "fixed" in the data):
 * aws-cur-bedrock.csv has 17 data rows, one of them the EC2 row that its own note says is excluded, so the
 * Bedrock rows are 16 (tokens and cost match the note: EC2's 2.4192 is not in 24.748860).
 */
const ERRATA: Record<string, { fix: Partial<Expected>; why: string }> = {
  'aws-cur-bedrock.csv': { fix: { rows: 16 }, why: '17 data rows include the EC2 row the note excludes' },
};

function totals(facts: FactDraft[], kind: 'billed' | 'recorded' = 'billed') {
  const sum = (f: (x: FactDraft) => number) => facts.reduce((a, x) => a + f(x), 0);
  const money = (f: FactDraft) => (kind === 'billed' ? f.billed : f.recorded) ?? null;
  const currencies = new Set<CurrencyCode>(facts.flatMap((f) => { const m = money(f); return m ? [m.currency] : []; }));
  return {
    input_uncached: sum((f) => f.tokens.input),
    cache_read: sum((f) => f.tokens.cache_read),
    cache_write: sum((f) => f.tokens.cache_write_5m + f.tokens.cache_write_1h),
    output: sum((f) => f.tokens.output),
    reasoning_subset_of_output: sum((f) => f.tokens.reasoning),
    requests: sum((f) => f.requests),
    costNano: facts.reduce((a, f) => a + (money(f)?.nano ?? 0n), 0n),
    billedFacts: facts.filter((f) => f.billed !== null).length,
    currencies: [...currencies],
    rows: facts.length,
    web_search_requests: sum((f) => f.otherUnits?.web_search ?? 0),
  };
}

/** The provider samples; exports/agents/ holds the coding agents' folders (agents.test.ts checks their totals). */
const files = readdirSync(FIXTURES).filter((f) => statSync(join(FIXTURES, f)).isFile()).sort();

/** Every file of each agent's sample folder, with the importer that must claim it. */
const AGENT_IMPORTER: Record<string, string> = {
  codex: 'codex-rollout-jsonl',
  'gemini-cli': 'gemini-cli-chat',
  opencode: 'opencode-db',
  'qwen-code': 'qwen-code-jsonl',
  'roo-code': 'vscode-agent-tasks',
  'copilot-cli': 'copilot-cli-events',
  cursor: 'cursor-usage-csv',
};
function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

describe('every agent sample file', () => {
  const agents = join(FIXTURES, 'agents');
  it('has a folder per agent, each with an expected importer', () => {
    expect(readdirSync(agents).sort()).toEqual(Object.keys(AGENT_IMPORTER).sort());
  });
  for (const [agent, id] of Object.entries(AGENT_IMPORTER)) {
    for (const path of filesUnder(join(agents, agent))) {
      it(`${path.slice(agents.length + 1)} is claimed by ${id} alone`, () => {
        const head = headFromBytes(path, readFileSync(path));
        expect(importers.filter((i) => i.identify(head).match).map((i) => i.id)).toEqual([id]);
      });
    }
  }
});

describe('every export fixture', () => {
  it('has expected totals or a hand-computed entry', () => {
    for (const f of files) expect(expected[f] ?? HAND_COMPUTED[f], f).toBeDefined();
  });

  for (const file of files) {
    describe(file, () => {
      const path = join(FIXTURES, file);

      it('is identified by exactly one importer', () => {
        const head = headFromBytes(file, readFileSync(path));
        const claimants = importers.filter((i) => i.identify(head).match).map((i) => i.id);
        expect(claimants).toHaveLength(1);
        // The pipeline's own choice names the same importer.
        expect(identify(head, importers)).toMatchObject({ kind: 'importer', importer: { id: claimants[0] } });
      });

      it('parses to the expected totals with no error rows', async () => {
        const head = headFromBytes(file, readFileSync(path));
        const found = identify(head, importers);
        if (found.kind !== 'importer') throw new Error(`${file} is not identified: ${found.kind}`);
        const importer = found.importer;
        const { rows } = await parseFile(importer, path);
        expect(rows.filter((r) => r.kind === 'error')).toEqual([]);
        const want = { ...(expected[file] ?? HAND_COMPUTED[file]!), ...ERRATA[file]?.fix };
        const got = totals(mergedFacts(importer, rows), want.cost_kind ?? 'billed');
        // A cost the tool computed is recorded, never billed.
        if (want.cost_kind === 'recorded') expect(got.billedFacts).toBe(0);
        expect({
          input_uncached: got.input_uncached,
          cache_read: got.cache_read,
          cache_write: got.cache_write,
          output: got.output,
          reasoning_subset_of_output: got.reasoning_subset_of_output,
          requests: got.requests,
          rows: got.rows - splitCredits(rows),
        }).toEqual({
          input_uncached: want.input_uncached,
          cache_read: want.cache_read,
          cache_write: want.cache_write,
          output: want.output,
          reasoning_subset_of_output: want.reasoning_subset_of_output,
          requests: want.requests,
          rows: want.rows,
        });
        // expected-totals.json states costs to 6 decimals (micro-units): compare the exact sum rounded to 6 places.
        const decimals = want.cost.split('.')[1]?.length ?? 0;
        expect(parseDecimalToNano(formatNano(got.costNano, decimals))).toBe(parseDecimalToNano(want.cost));
        if (want.currency !== null && got.costNano !== 0n) expect(got.currencies).toEqual([want.currency.toUpperCase()]);
        if (want.currency === null) expect(got.currencies).toEqual([]);
        if (want.web_search_requests !== undefined) expect(got.web_search_requests).toBe(want.web_search_requests);
      });
    });
  }
});
