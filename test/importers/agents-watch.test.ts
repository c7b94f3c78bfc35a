/**
 * The agents' log watcher on a temp Codex home: what is there at start is imported, a call appended to
 * a session file is imported a moment later (its re-emitted twin not), a new session file too, each
 * import telling the host once, and the ledger holds exactly the calls written, never twice.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/contract/client';
import { CodexSessionFile } from '../helpers/codex-session';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const KEYS = ['HOME', 'CODEX_HOME', 'CLAUDE_CONFIG_DIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'OPENCODE_DATA_DIR'] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
let codexHome = '';
beforeEach(() => {
  for (const k of KEYS) delete process.env[k];
  // An empty home: only the Codex folder below holds logs.
  process.env.HOME = tempDir('tokenledger-home-');
  codexHome = join(process.env.HOME, 'codex');
  process.env.CODEX_HOME = codexHome;
});
afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const START = Date.parse('2025-10-20T09:00:00Z');

async function totals(client: ApiClient) {
  const t = await client.call('report.totals', {});
  return { facts: t.factCount, input: t.totals.tokens.input, cache_read: t.totals.tokens.cache_read, output: t.totals.tokens.output, reasoning: t.totals.tokens.reasoning };
}

/** Waits (polling the contract, up to 20 s) until the ledger holds `facts` facts. */
async function untilFacts(client: ApiClient, facts: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await client.call('report.totals', {})).factCount === facts) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the ledger never reached ${facts} facts: ${JSON.stringify(await client.call('agents.watchStatus', {}))}`);
}

describe('keeping the agents logs imported', () => {
  it('imports what is there, then each appended call and each new file, once', async () => {
    const a = new CodexSessionFile(codexHome, START, '0199fa00-0000-7000-8000-000000000001');
    a.append({ input: 1000, cached: 200, output: 50, reasoning: 10 });
    a.append({ input: 3000, cached: 1000, output: 70, reasoning: 0 });
    const { client, events } = testEngine();
    const changes = () => events.filter((e) => e.event === 'ledger.changed').length;

    const started = await client.call('agents.watch', { on: true });
    expect(started.watching).toBe(true);
    expect(started.folders).toEqual([join(codexHome, 'sessions')]);
    await untilFacts(client, 2);
    expect(await totals(client)).toEqual({ facts: 2, input: 2800, cache_read: 1200, output: 120, reasoning: 10 });
    expect(changes()).toBe(1);

    a.append({ input: 500, cached: 0, output: 5, reasoning: 0 });
    await untilFacts(client, 3);
    expect(await totals(client)).toEqual({ facts: 3, input: 3300, cache_read: 1200, output: 125, reasoning: 10 });

    const b = new CodexSessionFile(codexHome, START + 3_600_000, '0199fa00-0000-7000-8000-000000000002', 'gpt-5-codex');
    b.append({ input: 100, cached: 0, output: 1, reasoning: 0 });
    await untilFacts(client, 4);
    expect(await totals(client)).toEqual({ facts: 4, input: 3400, cache_read: 1200, output: 126, reasoning: 10 });

    const s = await client.call('agents.watchStatus', {});
    expect(s.newFacts).toBe(4);
    expect(s.lastError).toBeNull();
    expect(changes()).toBe(s.imports);

    expect((await client.call('agents.watch', { on: false })).watching).toBe(false);
    a.append({ input: 7, cached: 0, output: 7, reasoning: 0 });
    await new Promise((r) => setTimeout(r, 1000)); // longer than the watcher's pause before an import
    // Stopped: nothing more was imported (a fresh import of the same folder finds the one call new).
    const after = await client.call('agents.import', {});
    expect(after.counts.new).toBe(1);
  });

  it('remembers "Keep agent logs up to date" in the ledger when asked to, apart from the settings', async () => {
    const { client } = testEngine();
    const settings = await client.call('settings.get', {});
    expect((await client.call('agents.watchStatus', {})).keep).toBe(false);
    // The terminal's `watch` does not remember: the desktop app's choice stays as it was.
    expect((await client.call('agents.watch', { on: true })).keep).toBe(false);
    await client.call('agents.watch', { on: false });
    const on = await client.call('agents.watch', { on: true, remember: true });
    expect(on).toMatchObject({ watching: true, keep: true });
    expect(await client.call('settings.get', {})).toEqual(settings);
    expect(await client.call('agents.watch', { on: false, remember: true })).toMatchObject({ watching: false, keep: false });
  });
});
