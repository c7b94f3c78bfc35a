/** Schemas several nouns of the contract share: one definition each, so a day or a currency is read the same everywhere. */
import { z } from 'zod';
import { isSaneDay, isTimeZone, SANE_DATES } from '../domain/time';

const DAY_FORM = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, YYYY-MM-DD (inclusive bounds in report ranges), a real one within the ledger's years. */
export const isoDay = z
  .string()
  .regex(DAY_FORM, 'expected a day as YYYY-MM-DD')
  .refine((s) => !DAY_FORM.test(s) || isSaneDay(s), `expected a real day ${SANE_DATES}`);

const MONTH_FORM = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A calendar month, YYYY-MM, within the ledger's years. */
export const month = z
  .string()
  .regex(MONTH_FORM, 'expected a month as YYYY-MM')
  .refine((s) => !MONTH_FORM.test(s) || isSaneDay(`${s}-01`), `expected a month ${SANE_DATES}`);

/** A non-negative decimal number as text (prices, rates): exact, never a float. */
export const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal number');

/** A 3-letter currency code; written in any case, with spaces around, it is read as its upper-case code. */
export const currencyCode = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code'));

/** An IANA time zone name Intl knows. */
export const timeZone = z.string().min(1).max(64).refine(isTimeZone, 'unknown IANA time zone');

/** A file's content sent by a host that cannot send paths (the browser). */
export const upload = z.object({ name: z.string().min(1).max(500), contentBase64: z.string() }).strict();

/** One file to read: a path (desktop, CLI) or its content (browser). Check with `oneFile`. */
export const fileSource = { path: z.string().min(1).optional(), file: upload.optional() };

/** Exactly one of `path` and `file` is given. */
export const oneFile = (v: { path?: unknown; file?: unknown }) => (v.path === undefined) !== (v.file === undefined);

/** A database id. */
export const id = z.number().int().positive();
