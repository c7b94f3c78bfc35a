/**
 * Errors for people: what went wrong with which flag, and what is expected, never Node's argument-parser
 * text or the contract's "Invalid input for <method>: <path>" (those name internals).
 */
import { ApiError } from '../../shared/contract/errors';
import { CliError } from './cli-error';
import { locale, say, t } from './i18n';
import type { InputIssue } from '../../shared/contract/invalid-input';

export { CliError } from './cli-error';

/** Input fields the commands fill from a flag of another name. */
const FLAG_OF: Record<string, string> = { groupBy: 'by', timeZone: 'tz', filters: 'filter', effectiveFrom: 'from', effectiveTo: 'to', kind: 'period', apiKeys: 'key', webhookUrl: 'webhook', perUsd: '<rate-per-USD>' };

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** node:util parseArgs's error, said in the command's terms. */
export function argumentError(command: string, err: unknown): CliError {
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  const quoted = /'([^']+)'/.exec(msg)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new CliError('errors.args.unknownOption', { command, flag: quoted });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = /--[\w-]+/.exec(msg)?.[0] ?? quoted;
      if (msg.includes('ambiguous')) return new CliError('errors.args.ambiguousValue', { command, flag });
      return new CliError(msg.includes('does not take') ? 'errors.args.takesNoValue' : 'errors.args.needsValue', { command, flag });
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new CliError('errors.args.unexpectedArgument', { command, given: quoted });
    default:
      return new CliError('errors.args.other', { command, detail: msg.split('\n')[0]! });
  }
}

/**
 * A contract validation error of an input the command built from its flags: each issue as the flag it
 * came from, the value given and the contract's reason (said as the window and `call` say it). Other
 * errors pass unchanged. The catalogs must be loaded.
 */
export function flagError(command: string, err: unknown, values: Record<string, unknown>): unknown {
  if (!(err instanceof ApiError) || err instanceof CliError || err.code !== 'VALIDATION' || command === 'call' || !err.message.startsWith('Invalid input for ')) return err;
  const issues = (err.details as { issues?: Partial<InputIssue>[] } | undefined)?.issues ?? [];
  if (issues.length === 0) return err;
  const said = issues.map((i) => {
    // A budget's flags fill budget.<field>, budget.period.<field> and budget.scope.<list>.
    const parts = (i.path ?? '').split('.');
    const reason = i.said ? say(i.said) : (i.message ?? '');
    const field = parts[0] !== 'budget' ? parts[0]! : parts[1] === 'period' || parts[1] === 'scope' ? (parts[2] ?? parts[1]) : (parts[1] ?? 'name');
    const flag = FLAG_OF[field] ?? kebab(parts[1] === 'scope' ? field.replace(/s$/, '') : field);
    if (flag.startsWith('<')) return t('errors.args.flagIssue', { flag, reason });
    const given = values[flag];
    return typeof given === 'string' ? t('errors.args.flagIssueGiven', { flag: `--${flag}`, given, reason }) : t('errors.args.flagIssue', { flag: `--${flag}`, reason });
  });
  return new CliError('errors.args.invalidFlags', { command, issues: said.join(locale() === 'zh-CN' ? '；' : '; ') });
}
