/**
 * The coding agents' logs from the terminal: `import --agents` (find, list with sizes, import on
 * confirmation) and `watch` (keep them imported, one live summary line).
 */
import { createInterface } from 'node:readline/promises';
import type { AgentFindResult } from '../../../shared/contract/api/agents';
import type { ApiClient } from '../../../shared/contract/client';
import type { Command, CommandContext } from '../command';
import { CliError } from '../errors';
import { formatInt, table } from '../format';
import { t } from '../i18n';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

export function foundText(found: AgentFindResult): string {
  if (found.locations.length === 0) return `${t('cli.agents.none')}\n${found.searched.map((s) => `  ${s}`).join('\n')}`;
  const files = found.locations.reduce((s, l) => s + l.files, 0);
  const bytes = found.locations.reduce((s, l) => s + l.bytes, 0);
  return [
    t('cli.agents.found'),
    table(
      [`  ${t('cli.agents.col.tool')}`, t('cli.agents.col.folder'), t('cli.agents.col.files'), t('cli.agents.col.size')],
      found.locations.map((l) => [`  ${l.label}`, l.folder, formatInt(l.files), formatBytes(l.bytes)]),
      [false, false, true, true],
    ),
    t('cli.agents.inAll', { files, size: formatBytes(bytes) }),
  ].join('\n');
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    // "y" in every language (the prompt says [y/N]); a Chinese "是" too.
    return /^(y(es)?|是)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `import --agents`: what is found, then (with --yes or a yes at the prompt) the import's counts. */
export async function importAgents(api: ApiClient, ctx: CommandContext, opts: { yes: boolean; dryRun: boolean; onError: 'skip' | 'abort' }): Promise<{ found: AgentFindResult; imported: boolean } | null> {
  const found = await api.call('agents.find', {});
  if (!ctx.json) ctx.io.out(foundText(found));
  if (found.locations.length === 0 || opts.dryRun) {
    if (ctx.json) ctx.io.out(JSON.stringify({ imported: false, ...found }, null, 2));
    return null;
  }
  const go = opts.yes || (!ctx.json && (await confirm(t('cli.agents.confirm'))));
  if (!go) {
    if (ctx.json) ctx.io.out(JSON.stringify({ imported: false, ...found }, null, 2));
    else ctx.io.out(t('cli.agents.nothingImported'));
    return null;
  }
  return { found, imported: true };
}

/** `watch`'s live line: folders, imports and new calls so far, the last import's time, the ledger's facts, the last error. */
export function summaryLine(s: { watching: boolean; folders: string[]; imports: number; newFacts: number; lastImportAt: string | null; lastError: string | null }, facts: number): string {
  return [
    t('cli.watch.line', { folders: s.folders.length, imports: s.imports, calls: s.newFacts }),
    s.lastImportAt ? t('cli.watch.lastImport', { time: s.lastImportAt.slice(11, 19) }) : '',
    t('cli.watch.facts', { facts: formatInt(facts) }),
    s.lastError ? t('cli.watch.lastError', { error: s.lastError }) : '',
  ].join('');
}

export const watchCommand: Command = {
  usage: 'watch [--interval SECONDS]',
  help: `  --interval S   how often the summary line is refreshed (default 2)
  Imports what the agents' default folders hold now, then every file written or appended there within
  seconds. Ctrl+C stops.`,
  options: { interval: { type: 'string', default: '2' } },
  async run({ values }, ctx) {
    const interval = Number(values.interval);
    if (!Number.isFinite(interval) || interval <= 0) throw new CliError('errors.watch.badInterval', { given: String(values.interval) });
    const api = await ctx.api();
    const status = await api.call('agents.watch', { on: true });
    // Under --json no catalog is loaded and the lines must stay JSON: the folders looked in are for people.
    if (status.folders.length === 0 && !ctx.json) {
      const found = await api.call('agents.find', {});
      ctx.io.out(foundText(found));
    }
    const tty = process.stdout.isTTY && !ctx.json;
    let last = '';
    const show = async () => {
      const s = await api.call('agents.watchStatus', {});
      const totals = await api.call('report.totals', {});
      const line = ctx.json ? JSON.stringify({ ...s, facts: totals.factCount, requests: totals.totals.requests }) : summaryLine(s, totals.factCount);
      if (line === last) return;
      last = line;
      if (tty) process.stdout.write(`\r\u001b[2K${line}`);
      else ctx.io.out(line);
    };
    await show();
    ctx.keepAlive = true;
    await new Promise<void>((done) => {
      const timer = setInterval(() => void show(), interval * 1000);
      const stop = () => {
        clearInterval(timer);
        void api.call('agents.watch', { on: false }).then(() => {
          if (tty) process.stdout.write('\n');
          done();
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    ctx.keepAlive = false;
    return 0;
  },
};
