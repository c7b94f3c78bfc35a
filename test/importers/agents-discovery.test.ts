/**
 * Finding the coding agents' logs: each platform's default folders and the tools' variables (pure), then a
 * temp home holding copies of the samples in their real places, found with their sizes (and never the
 * files beside them), imported through `agents.import` and `tokenledger import --agents` to the
 * samples' exact totals, a second time adding nothing.
 */
import { cpSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { agentRoots, findAgentLogs } from '../../electron/engine/imports/agent-logs';
import { captureIo, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { AGENTS, AGENT_EXPECTED, filesUnder } from './agents-helpers';

const CLAUDE_SAMPLE = join(AGENTS, '..', 'claude-code-session.jsonl');

/** A home folder with every sample where its tool keeps it (Linux defaults), plus files that are not logs. */
function sampleHome(): string {
  const home = tempDir('tokenledger-home-');
  cpSync(join(AGENTS, 'codex'), join(home, '.codex'), { recursive: true });
  writeFileSync(join(home, '.codex', 'auth.json'), '{"OPENAI_API_KEY":"sk-not-a-log"}');
  writeFileSync(join(home, '.codex', 'config.toml'), 'model = "gpt-5"\n');
  cpSync(join(AGENTS, 'gemini-cli'), join(home, '.gemini'), { recursive: true });
  writeFileSync(join(home, '.gemini', 'settings.json'), '{}');
  cpSync(join(AGENTS, 'opencode'), join(home, '.local', 'share', 'opencode'), { recursive: true });
  cpSync(join(AGENTS, 'qwen-code'), join(home, '.qwen'), { recursive: true });
  cpSync(join(AGENTS, 'roo-code'), join(home, '.config', 'Code'), { recursive: true });
  cpSync(join(AGENTS, 'copilot-cli'), join(home, '.copilot'), { recursive: true });
  writeFileSync(join(home, '.copilot', 'config.json'), '{}');
  mkdirSync(join(home, '.claude', 'projects', '-home-dev-acme-api'), { recursive: true });
  cpSync(CLAUDE_SAMPLE, join(home, '.claude', 'projects', '-home-dev-acme-api', 'session.jsonl'));
  return home;
}

const SAMPLES: Array<[string, string]> = [
  ['codex', 'agents/codex'],
  ['gemini-cli', 'agents/gemini-cli'],
  ['opencode', 'agents/opencode'],
  ['qwen-code', 'agents/qwen-code'],
  ['roo-code', 'agents/roo-code'],
  ['copilot-cli', 'agents/copilot-cli'],
];

const bytesOf = (files: string[]) => files.reduce((s, f) => s + statSync(f).size, 0);

describe('where each tool keeps its logs', () => {
  it('Linux: the home defaults, XDG folders honoured', () => {
    const roots = agentRoots({ platform: 'linux', home: '/home/ada', env: { XDG_DATA_HOME: '/data', XDG_CONFIG_HOME: '/cfg' } });
    const of = (tool: string) => roots.filter((r) => r.tool === tool).map((r) => r.root);
    expect(of('claude-code')).toEqual(['/cfg/claude/projects', '/home/ada/.claude/projects']);
    expect(of('codex')).toEqual(['/home/ada/.codex/sessions', '/home/ada/.codex/archived_sessions']);
    expect(of('gemini-cli')).toEqual(['/home/ada/.gemini/tmp']);
    expect(of('opencode')).toEqual(['/data/opencode']);
    expect(of('kilo-cli')).toEqual(['/data/kilo']);
    expect(of('qwen-code')).toEqual(['/home/ada/.qwen/projects', '/home/ada/.qwen/tmp']);
    expect(of('copilot-cli')).toEqual(['/home/ada/.copilot/session-state', '/home/ada/.copilot/history-session-state']);
    expect(of('roo-code')).toContain('/cfg/Code/User/globalStorage/rooveterinaryinc.roo-cline/tasks');
    expect(of('cline')).toContain('/cfg/Cursor/User/globalStorage/saoudrizwan.claude-dev/tasks');
    expect(of('kilo-code')).toContain('/home/ada/.vscode-server/data/User/globalStorage/kilocode.kilo-code/tasks');
  });

  it("the tools' variables replace their defaults, and may list several folders", () => {
    const roots = agentRoots({ platform: 'linux', home: '/home/ada', env: { CLAUDE_CONFIG_DIR: '/a/claude, /b/claude', CODEX_HOME: '/x/codex', OPENCODE_DATA_DIR: '/oc' } });
    const of = (tool: string) => roots.filter((r) => r.tool === tool).map((r) => r.root);
    expect(of('claude-code')).toEqual(['/a/claude/projects', '/b/claude/projects']);
    expect(of('codex')).toEqual(['/x/codex/sessions', '/x/codex/archived_sessions']);
    expect(of('opencode')).toEqual(['/oc']);
  });

  it('macOS: VS Code forks under Library/Application Support', () => {
    const roots = agentRoots({ platform: 'darwin', home: '/Users/ada', env: {} });
    const of = (tool: string) => roots.filter((r) => r.tool === tool).map((r) => r.root);
    expect(of('cline')).toContain('/Users/ada/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/tasks');
    expect(of('claude-code')).toEqual(['/Users/ada/.config/claude/projects', '/Users/ada/.claude/projects']);
    expect(of('opencode')).toEqual(['/Users/ada/.local/share/opencode']);
  });

  it('Windows: %APPDATA% for VS Code forks, backslash paths under the user profile', () => {
    const roots = agentRoots({ platform: 'win32', home: 'C:\\Users\\ada', env: { APPDATA: 'D:\\Roaming' } });
    const of = (tool: string) => roots.filter((r) => r.tool === tool).map((r) => r.root);
    expect(of('roo-code')).toContain('D:\\Roaming\\Code\\User\\globalStorage\\rooveterinaryinc.roo-cline\\tasks');
    expect(of('codex')).toEqual(['C:\\Users\\ada\\.codex\\sessions', 'C:\\Users\\ada\\.codex\\archived_sessions']);
    expect(of('copilot-cli')[0]).toBe('C:\\Users\\ada\\.copilot\\session-state');
  });
});

describe('what is on disk', () => {
  it('finds every sample with its file count and size, and no settings or credentials beside them', async () => {
    const home = sampleHome();
    const found = await findAgentLogs({ platform: 'linux', home, env: {} });
    const byTool = new Map<string, { files: number; bytes: number }>();
    for (const l of found.locations) {
      const t = byTool.get(l.tool) ?? { files: 0, bytes: 0 };
      byTool.set(l.tool, { files: t.files + l.files, bytes: t.bytes + l.bytes });
    }
    for (const [tool, dir] of SAMPLES) {
      const files = filesUnder(join(AGENTS, dir.slice('agents/'.length)));
      expect(byTool.get(tool), tool).toEqual({ files: files.length, bytes: bytesOf(files) });
    }
    expect(byTool.get('claude-code')).toEqual({ files: 1, bytes: statSync(CLAUDE_SAMPLE).size });
    const paths = found.locations.flatMap((l) => l.paths);
    expect(paths.filter((p) => /auth\.json|config\.toml|settings\.json|config\.json/.test(p))).toEqual([]);
    expect(found.searched).toContain(join(home, '.codex', 'sessions'));
  });

  it('an empty home: nothing found, every folder looked in listed', async () => {
    const home = tempDir('tokenledger-home-');
    const found = await findAgentLogs({ platform: 'linux', home, env: {} });
    expect(found.locations).toEqual([]);
    expect(found.searched).toContain(join(home, '.gemini', 'tmp'));
  });
});

describe('importing what was found', () => {
  // Changed key by key (os.homedir() reads the process's real environment, which a new process.env object would cut off).
  const KEYS = ['HOME', 'USERPROFILE', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'CLAUDE_CONFIG_DIR', 'CODEX_HOME', 'OPENCODE_DATA_DIR'] as const;
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  beforeEach(() => {
    for (const k of KEYS) if (k !== 'HOME') delete process.env[k];
  });
  afterEach(() => {
    for (const k of KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  const want = () => {
    const sum = { input: 0, cache_read: 0, output: 0, requests: 0, rows: 0 };
    for (const [, key] of SAMPLES) {
      const e = AGENT_EXPECTED[key]!;
      sum.input += e.input_uncached;
      sum.cache_read += e.cache_read;
      sum.output += e.output;
      sum.requests += e.requests;
      sum.rows += e.rows;
    }
    return sum;
  };

  it('agents.import: every sample to its exact totals; again, nothing new', async () => {
    process.env.HOME = sampleHome();
    const { client, events } = testEngine();
    const found = await client.call('agents.find', {});
    expect(new Set(found.locations.map((l) => l.tool))).toEqual(new Set(['claude-code', 'codex', 'gemini-cli', 'opencode', 'qwen-code', 'roo-code', 'copilot-cli']));
    const only = found.locations.filter((l) => l.tool !== 'claude-code').map((l) => l.id);
    const first = await client.call('agents.import', { ids: only });
    expect(first.counts.error).toBe(0);
    const t = await client.call('report.totals', {});
    const w = want();
    expect(t.factCount).toBe(w.rows);
    expect({ input: t.totals.tokens.input, cache_read: t.totals.tokens.cache_read, output: t.totals.tokens.output, requests: t.totals.requests }).toEqual({
      input: w.input,
      cache_read: w.cache_read,
      output: w.output,
      requests: w.requests,
    });
    expect(events.filter((e) => e.event === 'ledger.changed')).toHaveLength(1);
    const again = await client.call('agents.import', { ids: only });
    expect(again.counts.new).toBe(0);
    expect(again.counts.revised).toBe(0);
    expect((await client.call('report.totals', {})).factCount).toBe(w.rows);
    expect(events.filter((e) => e.event === 'ledger.changed')).toHaveLength(1);
    await expect(client.call('agents.import', { ids: ['codex:/nowhere'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('tokenledger import --agents lists with sizes and imports only with --yes', async () => {
    process.env.HOME = sampleHome();
    const db = join(tempDir(), 'ledger.sqlite');
    const io = captureIo();
    expect(await runCli(['import', '--agents', '--db', db], io)).toBe(0);
    const out = io.stdout.join('\n');
    const codexBytes = bytesOf(filesUnder(join(AGENTS, 'codex', 'sessions')));
    expect(out).toMatch(new RegExp(`Codex CLI / Desktop\\s+${join(process.env.HOME, '.codex', 'sessions').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+4\\s+${(codexBytes / 1024).toFixed(1)} KB`));
    expect(out).toContain('Nothing imported (run with --yes to import without asking).');
    const io2 = captureIo();
    expect(await runCli(['report', '--db', db, '--json'], io2)).toBe(0);
    expect(JSON.parse(io2.stdout.join('\n')).factCount).toBe(0);

    const io3 = captureIo();
    expect(await runCli(['import', '--agents', '--yes', '--db', db], io3)).toBe(0);
    const claude = 6; // claude-code-session.jsonl's rows (expected-totals.json)
    expect(io3.stdout.join('\n')).toMatch(new RegExp(`Imported 18 files: ${want().rows + claude} new,`));
    const io4 = captureIo();
    expect(await runCli(['import', '--agents', '--yes', '--db', db], io4)).toBe(0);
    expect(io4.stdout.join('\n')).toMatch(/Imported 18 files: 0 new, \d+ duplicate, 0 revised/);
  });
});
