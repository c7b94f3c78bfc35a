import type { ImportFileResult, ImportPreview, ImportResult } from '../../../shared/contract/types';
import { ApiError } from '../../../shared/contract/errors';
import type { Command, CommandContext } from '../command';
import { formatInt, formatMoney, table } from '../format';
import { importAgents } from './agents';

function countsLine(c: ImportFileResult['counts']): string {
  return `${formatInt(c.new)} new, ${formatInt(c.duplicate)} duplicate, ${formatInt(c.revised)} revised, ${formatInt(c.skipped)} skipped, ${formatInt(c.error)} with errors`;
}

function fileText(f: ImportFileResult): string {
  const lines = [`${f.file}  [${f.formatLabel}]${f.batchId !== null ? `  batch ${f.batchId}` : ''}`, `  ${countsLine(f.counts)}`];
  if (f.totals.length > 0) {
    lines.push(
      table(
        ['  model', 'input', 'cache read', 'cache write', 'output', 'requests', 'billed'],
        f.totals.map((t) => [
          `  ${t.model}`,
          formatInt(t.tokens.input),
          formatInt(t.tokens.cache_read),
          formatInt(t.tokens.cache_write_5m + t.tokens.cache_write_1h),
          formatInt(t.tokens.output),
          formatInt(t.requests),
          t.billed === null ? '-' : `${formatMoney(t.billed)} ${t.currency}`,
        ]),
        [false, true, true, true, true, true, true],
      ),
    );
  }
  for (const o of f.overlaps) {
    const what = o.kind === 'tokens' ? 'the same usage' : 'the same bill';
    const who = o.winner === 'this' ? `counted once, from this file (${o.facts} rows of batch ${o.batchId} stop counting)` : `counted once, from batch ${o.batchId} (${o.facts} rows of this file stop counting)`;
    lines.push(`  overlap with batch ${o.batchId} (${o.file}, ${o.format}): ${what} on ${o.days.join(', ')} for ${o.models.map((m) => m || '(no model)').join(', ')}: ${who}`);
  }
  for (const i of f.issues) lines.push(`  line ${i.line}, ${i.field}: ${i.message}`);
  if (f.issueCount > f.issues.length) lines.push(`  ... and ${f.issueCount - f.issues.length} more row issues`);
  return lines.join('\n');
}

function print(ctx: CommandContext, result: ImportPreview | ImportResult, committed: boolean): void {
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ committed, ...result }, null, 2));
    return;
  }
  for (const f of result.files) ctx.io.out(fileText(f) + '\n');
  const c = result.counts;
  ctx.io.out(`${committed ? 'Imported' : 'Dry run, nothing written:'} ${result.files.length} file${result.files.length === 1 ? '' : 's'}: ${countsLine(c)}`);
}

export const importCommand: Command = {
  usage: 'import <files or folders...> [--dry-run] [--on-error skip|abort] [--json] | import --agents [--yes] [--dry-run]',
  help: `  --dry-run            print the preview only; the ledger is not changed
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
  },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const onError = values['on-error'];
    if (onError !== 'skip' && onError !== 'abort') throw new ApiError('VALIDATION', `--on-error must be skip or abort, not "${String(onError)}"`);
    if (values.agents === true) {
      if (positionals.length > 0) throw new ApiError('VALIDATION', '--agents finds the files itself: name no files with it');
      const api = await ctx.api();
      const go = await importAgents(api, ctx, { yes: values.yes === true, dryRun: values['dry-run'] === true, onError });
      if (go) print(ctx, await api.call('agents.import', { onError }), true);
      return 0;
    }
    if (positionals.length === 0) throw new ApiError('VALIDATION', 'Name at least one file or folder to import (or --agents)');
    const api = await ctx.api();
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
      else if (batches.length === 0) ctx.io.out('No imports yet.');
      else
        ctx.io.out(
          table(
            ['batch', 'imported', 'file', 'format', 'new', 'dup', 'revised', 'status'],
            batches.map((b) => [b.id, b.createdAt.slice(0, 19).replace('T', ' '), b.file, b.format, b.counts.new, b.counts.duplicate, b.counts.revised, b.status]),
            [true, false, false, false, true, true, true, false],
          ),
        );
      return 0;
    }
    if (sub === 'undo') {
      const batchId = Number(arg);
      if (!arg || !Number.isInteger(batchId) || batchId <= 0) throw new ApiError('VALIDATION', 'Usage: tokenledger imports undo <batchId>');
      const r = await api.call('imports.undo', { batchId });
      if (ctx.json) ctx.io.out(JSON.stringify(r, null, 2));
      else ctx.io.out(`Undid batch ${r.batchId}: ${r.removed} rows removed, ${r.restored} revised rows restored.`);
      return 0;
    }
    throw new ApiError('VALIDATION', `Unknown subcommand "${sub}": use list or undo <batchId>`);
  },
};
