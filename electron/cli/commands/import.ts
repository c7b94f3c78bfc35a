import { resolve } from 'node:path';
import type { ImportFileResult, ImportPreview, ImportResult } from '../../../shared/contract/types';
import type { Command, CommandContext } from '../command';
import { CliError } from '../errors';
import { formatInt, formatMoney, formatTokens, table } from '../format';
import { say, t } from '../i18n';
import { importAgents } from './agents';
import { findMapping } from './mappings';

function countsLine(c: ImportFileResult['counts']): string {
  return t('cli.import.counts', { new: formatInt(c.new), duplicate: formatInt(c.duplicate), revised: formatInt(c.revised), skipped: formatInt(c.skipped), error: formatInt(c.error) });
}

function fileText(f: ImportFileResult): string {
  const lines = [`${f.file}  [${f.formatSaid ? say(f.formatSaid) : f.formatLabel}]${f.batchId !== null ? `  ${t('cli.import.batch', { id: f.batchId })}` : ''}`, `  ${countsLine(f.counts)}`];
  if (f.totals.length > 0) {
    const headers = (['model', 'input', 'cacheRead', 'cacheWrite', 'output', 'requests', 'billed'] as const).map((c) => t(`cli.import.col.${c}`));
    headers[0] = `  ${headers[0]}`;
    lines.push(
      table(
        headers,
        f.totals.map((row) => [
          `  ${row.model}`,
          formatTokens(row.tokens.input),
          formatTokens(row.tokens.cache_read),
          formatTokens(row.tokens.cache_write_5m + row.tokens.cache_write_1h),
          formatTokens(row.tokens.output),
          formatInt(row.requests),
          row.billed === null ? '-' : t('cli.money.amount', { amount: formatMoney(row.billed), currency: row.currency ?? '' }),
        ]),
        [false, true, true, true, true, true, true],
      ),
    );
  }
  for (const o of f.overlaps) {
    const values = {
      batch: o.batchId,
      file: o.file,
      format: o.format,
      days: o.days.join(', '),
      models: o.models.map((m) => m || t('cli.import.noModel')).join(', '),
      rows: formatInt(o.facts),
    };
    const key = o.kind === 'tokens' ? (o.winner === 'this' ? 'cli.import.overlap.usageThis' : 'cli.import.overlap.usageEarlier') : o.winner === 'this' ? 'cli.import.overlap.billThis' : 'cli.import.overlap.billEarlier';
    lines.push(`  ${t(key, values)}`);
  }
  for (const i of f.issues) lines.push(`  ${t('cli.import.issue', { line: i.line, field: i.field, message: say(i.said) })}`);
  if (f.issueCount > f.issues.length) lines.push(`  ${t('cli.import.moreIssues', { count: f.issueCount - f.issues.length })}`);
  return lines.join('\n');
}

function print(ctx: CommandContext, result: ImportPreview | ImportResult, committed: boolean): void {
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ committed, ...result }, null, 2));
    return;
  }
  for (const f of result.files) ctx.io.out(fileText(f) + '\n');
  const c = result.counts;
  ctx.io.out(t(committed ? 'cli.import.imported' : 'cli.import.dryRun', { files: result.files.length, counts: countsLine(c) }));
}

export const importCommand: Command = {
  usage: 'import <files or folders...> [--dry-run] [--on-error skip|abort] [--mapping NAME] [--json] | import --agents [--yes] [--dry-run]',
  help: `  --dry-run            print the preview only; the ledger is not changed
  --mapping NAME       the files are CSVs of the saved column mapping NAME (\`tokenledger mappings list\`);
                       a file whose header is not the mapping's is refused before anything is imported
  --on-error MODE      rows that cannot be read: abort (default: nothing is imported) or skip them
  --agents             find the coding agents' logs in their default folders (Claude Code, Codex, Gemini CLI,
                       opencode, Kilo CLI, Qwen Code, Cline, Roo Code, Kilo Code, Copilot CLI; CLAUDE_CONFIG_DIR,
                       CODEX_HOME, OPENCODE_DATA_DIR, XDG_CONFIG_HOME, XDG_DATA_HOME, APPDATA honoured), list them
                       with their sizes and import them when you say yes
  --yes                with --agents: import without asking (for scripts)`,
  options: {
    'dry-run': { type: 'boolean', default: false },
    'on-error': { type: 'string', default: 'abort' },
    agents: { type: 'boolean', default: false },
    yes: { type: 'boolean', default: false },
    mapping: { type: 'string' },
  },
  exclusive: true,
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const onError = values['on-error'];
    if (onError !== 'skip' && onError !== 'abort') throw new CliError('errors.import.badOnError', { given: String(onError) });
    if (values.agents === true) {
      if (positionals.length > 0) throw new CliError('errors.import.agentsAndFiles');
      // The parser worker loads while the ledger opens and the logs are found (a small import ends it).
      await (await import('../../engine')).prestartParser();
      const api = await ctx.api();
      const go = await importAgents(api, ctx, { yes: values.yes === true, dryRun: values['dry-run'] === true, onError });
      if (go) print(ctx, await api.call('agents.import', { onError }), true);
      return 0;
    }
    if (positionals.length === 0) throw new CliError('errors.import.noFiles');
    const api = await ctx.api();
    if (typeof values.mapping === 'string') {
      // A saved mapping claims the files whose header is its own (a built-in format still wins for its files):
      // each file must be one the engine would read with it.
      const mapping = await findMapping(api, values.mapping);
      for (const file of positionals) {
        const s = await api.call('mappings.suggest', { path: resolve(file) });
        if (s.claimedBy?.id !== mapping.formatId) {
          throw new CliError('errors.mappings.notMatching', { file, name: mapping.name, format: s.claimedBy?.label ?? '-', columns: mapping.header.join(', ') });
        }
      }
    }
    if (values['dry-run'] === true) {
      print(ctx, await api.call('imports.preview', { paths: positionals, onError }), false);
      return 0;
    }
    // One pass: nobody decides between a preview and its commit here, so the files are read once.
    print(ctx, await api.call('imports.commit', { paths: positionals, onError }), true);
    return 0;
  },
};

export const importsCommand: Command = {
  usage: 'imports list [--all] [--json] | imports undo <batchId> [--json]',
  help: `  list         committed batches, newest first (--all: undone ones too)
  undo ID      undo batch ID: its rows leave, the rows it revised get their earlier values back
  --all        with list: include undone batches`,
  options: { all: { type: 'boolean', default: false } },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const [sub, arg] = positionals;
    const api = await ctx.api();
    if (sub === undefined || sub === 'list') {
      const batches = await api.call('imports.list', { includeUndone: values.all === true });
      if (ctx.json) ctx.io.out(JSON.stringify(batches, null, 2));
      else if (batches.length === 0) ctx.io.out(t('cli.imports.none'));
      else
        ctx.io.out(
          table(
            (['batch', 'imported', 'file', 'format', 'new', 'duplicate', 'revised', 'status'] as const).map((c) => t(`cli.imports.col.${c}`)),
            batches.map((b) => [b.id, b.createdAt.slice(0, 19).replace('T', ' '), b.file, b.format, formatInt(b.counts.new), formatInt(b.counts.duplicate), formatInt(b.counts.revised), t(`cli.imports.status.${b.status}`)]),
            [true, false, false, false, true, true, true, false],
          ),
        );
      return 0;
    }
    if (sub === 'undo') {
      const batchId = Number(arg);
      if (!arg || !Number.isInteger(batchId) || batchId <= 0) throw new CliError('errors.imports.undoUsage');
      const r = await api.call('imports.undo', { batchId });
      if (ctx.json) ctx.io.out(JSON.stringify(r, null, 2));
      else if (r.heldMonths.length > 0) ctx.io.out(t('cli.imports.undoHeld', { batch: r.batchId, months: r.heldMonths.join(', ') }));
      else ctx.io.out(t('cli.imports.undone', { batch: r.batchId, removed: formatInt(r.removed), restored: formatInt(r.restored) }));
      return 0;
    }
    throw new CliError('errors.imports.unknownSub', { given: sub });
  },
};
