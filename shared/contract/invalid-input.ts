/**
 * The contract's validation error said to a person: the method, each field's path and a short reason per
 * zod issue, as engine catalog ids (the window and `tokenledger call` say it in the user's language). The
 * English `message` stays zod's text. The CLI's own commands say the same reasons against their flags.
 *
 * A reason the contract wrote itself (a regex's or refine's message, "expected a day as YYYY-MM-DD") is
 * said by the catalog id whose English text is that message; any other issue by its zod code.
 */
import type { z } from 'zod';
import enEngine from '../i18n/en/engine.json';
import { said, type EngineMessageId, type Said } from '../i18n/said';

type Issue = z.core.$ZodIssue;

/** The contract's own reasons: catalog ids whose English text is the schema's message, word for word. */
const CONTRACT_REASONS: EngineMessageId[] = [
  'engine.error.input.day',
  'engine.error.input.realDay',
  'engine.error.input.month',
  'engine.error.input.realMonth',
  'engine.error.input.decimal',
  'engine.error.input.currency',
  'engine.error.input.timeZone',
  'engine.error.input.instant',
  'engine.error.input.onePathOrFile',
  'engine.error.input.onePathsOrFiles',
  'engine.error.input.oneSource',
  'engine.error.input.onePrice',
  'engine.error.input.withdrawWhole',
  'engine.error.input.nameEmpty',
  'engine.error.input.nameLong',
  'engine.error.input.realInstant',
  'engine.error.input.realDate',
  'engine.error.input.amount',
  'engine.error.input.amountPositive',
  'engine.error.input.customPeriod',
  'engine.error.input.budgetName',
  'engine.error.input.webhookHttp',
  'engine.error.input.priceDecimal',
];
const REASON_OF_TEXT = new Map<string, EngineMessageId>(CONTRACT_REASONS.map((id) => [enEngine[id], id]));

/** The value the input holds at an issue's path (undefined when missing). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function sizeReason(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): Said {
  const small = issue.code === 'too_small';
  const bound = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
  if (issue.origin === 'string') return said(small ? 'engine.error.input.tooShort' : 'engine.error.input.tooLong', { n: bound });
  if (issue.origin === 'array' || issue.origin === 'set') return said(small ? 'engine.error.input.tooFew' : 'engine.error.input.tooMany', { n: bound });
  if (small) return said(issue.inclusive === false ? 'engine.error.input.above' : 'engine.error.input.atLeast', { n: bound });
  return said(issue.inclusive === false ? 'engine.error.input.below' : 'engine.error.input.atMost', { n: bound });
}

/**
 * A short reason for one zod issue, in the catalog's words. `input` is what was checked (a missing field
 * reads "required"); undefined when it is not known.
 */
export function issueReason(issue: Issue, input: unknown): Said {
  const own = REASON_OF_TEXT.get(issue.message);
  if (own) return said(own);
  switch (issue.code) {
    case 'invalid_type':
      return input !== undefined && valueAt(input, issue.path) === undefined ? said('engine.error.input.required') : said('engine.error.input.type', { expected: issue.expected });
    case 'too_small':
    case 'too_big':
      return sizeReason(issue);
    case 'invalid_value':
      return said('engine.error.input.oneOf', { values: issue.values.map((v) => JSON.stringify(v)).join(', ') });
    case 'invalid_format':
      return said('engine.error.input.format', { format: issue.format });
    case 'unrecognized_keys':
      return said('engine.error.input.unknownKeys', { n: issue.keys.length, keys: issue.keys.map((k) => `"${k}"`).join(', ') });
    default:
      return said('engine.error.input.invalid');
  }
}

export interface InputIssue {
  /** The field's path, dotted ("budget.period.kind"), or "(input)" for the input as a whole. */
  path: string;
  /** Zod's English text. */
  message: string;
  /** The reason as a catalog id. */
  said: Said;
}

export function inputIssues(error: z.ZodError, input: unknown): InputIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message, said: issueReason(i, input) }));
}

/** "Invalid input for <method>: <path>: <reason>; ..." as a catalog id. */
export function invalidInputSaid(method: string, issues: InputIssue[]): Said {
  const list = issues.map((i) => (i.path === '(input)' ? said('engine.error.input.whole', { reason: i.said }) : said('engine.error.input.issue', { path: i.path, reason: i.said })));
  return said('engine.error.invalidInput', { method, issues: { list } });
}
