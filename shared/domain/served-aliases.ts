/**
 * Which dated snapshot each vendor alias pointed to, when (catalog data), apart from models.ts so that
 * the reports' SQL for the model a row shows (ledger/model-identity.ts) loads without the vendor registry.
 */
import catalog from './catalog-data.json';

/** One period in which a dated snapshot (or a moving vendor alias) was served under a vendor's model id. */
export interface ServedAlias {
  /** The id reports group by: `gpt-5`, `claude-sonnet-4`. */
  model: string;
  /** The id a fact carries: `gpt-5-2025-08-07`, `claude-sonnet-4-20250514`, `claude-sonnet-4-0`. */
  servedId: string;
  /** First UTC day (inclusive). */
  from: string;
  /** Day the alias moved on (exclusive); null while it still points there. */
  until: string | null;
}

/** Catalog data: which snapshot each alias pointed to, when. */
export const SERVED_ALIASES: readonly ServedAlias[] = catalog.servedAliases;

