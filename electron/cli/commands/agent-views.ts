/**
 * The views agent users know from ccusage: `report --by session`, `blocks` (five-hour usage blocks with
 * the active block's burn rate and projection) and `statusline` (Claude Code's status line).
 */
import type { AgentBlock, AgentSession } from '../../../shared/contract/api/agents';
import { statusWords } from '../../../shared/i18n/statusline';
import { statusLineOf } from '../../engine/statusline';
import type { Command, CommandContext } from '../command';
import { PERIOD_OPTIONS, readRange } from '../period';
import { formatAmounts, formatInt, formatTokens, table } from '../format';
import { statusInput } from '../status-input';
import { t } from '../i18n';

const tokensOf = (s: AgentSession) => s.tokens.input + s.tokens.cache_read + s.tokens.cache_write_5m + s.tokens.cache_write_1h + s.tokens.output;
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
const plan = (a: Record<string, string>) => (Object.keys(a).length ? formatAmounts(a) : '');

/** `report --by session`: one row per agent session, latest activity first. */
export async function runSessions(values: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const api = await ctx.api();
  const input = {
    ...readRange(values),
    ...(typeof values.tool === 'string' ? { tool: values.tool } : {}),
  };
  const rows = await api.call('agents.sessions', input);
  if (ctx.json) {
    ctx.io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    ctx.io.out(t('cli.sessions.none'));
    return 0;
  }
  ctx.io.out(
    table(
      (['session', 'tool', 'models', 'first', 'last', 'tokens', 'requests', 'spend', 'inPlan'] as const).map((c) => t(`cli.sessions.col.${c}`)),
      rows.map((s) => [s.session, s.tool, s.models.join(', '), minute(s.firstAt), minute(s.lastAt), formatTokens(tokensOf(s)), formatInt(s.requests), formatAmounts(s.spend), plan(s.notional)]),
      [false, false, false, false, false, true, true, true, true],
    ),
  );
  return 0;
}

function blocksText(blocks: AgentBlock[]): string {
  const rows = blocks.map((b) => [
    b.active ? t('cli.blocks.active', { start: minute(b.start) }) : minute(b.start),
    minute(b.lastAt).slice(11),
    formatInt(b.calls),
    formatTokens(b.tokens),
    formatAmounts(b.spend),
    plan(b.notional),
  ]);
  const lines = [table((['start', 'lastCall', 'calls', 'tokens', 'spend', 'inPlan'] as const).map((c) => t(`cli.blocks.col.${c}`)), rows, [false, false, true, true, true, true])];
  const active = blocks.find((b) => b.active);
  if (active?.burn) {
    const r = active.burn;
    lines.push(
      '',
      t('cli.blocks.endsIn', { end: minute(active.end), hours: Math.floor(r.remainingMinutes / 60), minutes: r.remainingMinutes % 60 }),
      t('cli.blocks.burn', { tokens: formatInt(r.tokensPerMinute), spend: formatAmounts(r.spendPerHour) }),
      t('cli.blocks.projected', { tokens: formatTokens(r.projectedTokens), spend: formatAmounts(r.projectedSpend) }),
    );
  } else if (active) lines.push('', t('cli.blocks.noBurn', { end: minute(active.end) }));
  else lines.push('', t('cli.blocks.noActive'));
  return lines.join('\n');
}

export const blocksCommand: Command = {
  usage: 'blocks [--active] [--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD] [--tool TOOL]',
  help: `  --active         only the block in progress
  --month, --from, --to  UTC month or days of the calls
  --tool TOOL      one tool's calls (claude-code, codex-log...; default every per-call source)
  A block starts at the UTC hour of its first call and lasts 5 hours; a call after its end or after 5
  idle hours starts the next. "Now" is the engine's clock (TOKENLEDGER_NOW when set).`,
  options: { active: { type: 'boolean', default: false }, ...PERIOD_OPTIONS, tool: { type: 'string' } },
  async run({ values }, ctx) {
    const range = readRange(values);
    const api = await ctx.api();
    const blocks = await api.call('agents.blocks', {
      ...(values.active === true ? { active: true } : {}),
      ...range,
      ...(typeof values.tool === 'string' ? { tool: values.tool } : {}),
    });
    ctx.io.out(ctx.json ? JSON.stringify(blocks, null, 2) : blocks.length ? blocksText(blocks) : t('cli.blocks.none'));
    return 0;
  },
};

async function readStdin(ctx: CommandContext): Promise<string> {
  if (ctx.io.stdin) return ctx.io.stdin();
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const statuslineCommand: Command = {
  usage: 'statusline   (reads Claude Code\'s status JSON on stdin)',
  // Prints the engine's line alone, many times a minute: no catalog is loaded for it.
  noCatalog: true,
  help: `  In ~/.claude/settings.json: "statusLine": {"type": "command", "command": "tokenledger statusline"}.
  Prints "<model> | today $X | block $Y, 2h 13m left | session $Z" from the ledger; usage a plan
  includes shows as "(+$V in plan)", never as spend. Keep the ledger current with \`tokenledger watch\`
  or the desktop app's "Keep agent logs up to date".`,
  async run(_args, ctx) {
    const input = statusInput(await readStdin(ctx));
    const api = await ctx.api();
    const s = await api.call('agents.statusline', input);
    // The engine's line is English (as --json keeps it); another language is said from the same figures.
    ctx.io.out(ctx.json ? JSON.stringify(s, null, 2) : ctx.locale === 'en' ? s.line : statusLineOf(s, input.model, statusWords(ctx.locale)));
    return 0;
  },
};
