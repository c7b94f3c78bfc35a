/** Schemas shared by several areas of the contract. */
import { z } from 'zod';

/** A calendar day, YYYY-MM-DD (inclusive bounds in report ranges). */
export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD');
