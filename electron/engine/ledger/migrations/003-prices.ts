import type { Migration } from './types';

/**
 * The user's side of the price book:
 *
 * - `price_overrides`: negotiated prices and custom models (private deployments), each with its own
 *   effective dates; `prices` / `tiers` are JSON in the price book's shape (decimal strings per million
 *   tokens in `currency`). `withdrawn` = 1 marks a model unpriced from `effective_from` (a wrong price).
 * - `price_sources` + `price_source_entries`: a loaded LiteLLM / OpenRouter JSON; only the entries that
 *   were applied (changes the user saw in the dry run, held ones only when confirmed) are kept, as JSON
 *   PriceEntry rows. `status` = 'removed' takes a source out of the book without losing its record.
 * - `fx_rates`: the user's FX rates (units of `currency` per 1 USD from `date`), over the built-in ones.
 * - `vendor_regions`: the user's vendor -> origin region edits (a lab moves, a user disagrees).
 * - `price_state`: bookkeeping of earlier builds; nothing reads or writes it any more.
 */
export const m003Prices: Migration = {
  version: 3,
  name: 'prices',
  up(db) {
    db.exec(`
      CREATE TABLE price_overrides (
        id             INTEGER PRIMARY KEY,
        model          TEXT NOT NULL,
        route          TEXT NOT NULL DEFAULT 'direct',
        currency       TEXT NOT NULL CHECK (length(currency) = 3),
        effective_from TEXT NOT NULL,
        effective_to   TEXT,
        prices         TEXT NOT NULL,
        tiers          TEXT,
        withdrawn      INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
        note           TEXT,
        created_at     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX price_overrides_model ON price_overrides(model);

      CREATE TABLE price_sources (
        id             INTEGER PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('litellm', 'openrouter')),
        file_name      TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        checked_on     TEXT NOT NULL,
        effective_from TEXT NOT NULL,
        loaded_at      INTEGER NOT NULL,
        entries        INTEGER NOT NULL DEFAULT 0,
        held_accepted  INTEGER NOT NULL DEFAULT 0,
        held_skipped   INTEGER NOT NULL DEFAULT 0,
        status         TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'removed'))
      ) STRICT;

      CREATE TABLE price_source_entries (
        source_id      INTEGER NOT NULL REFERENCES price_sources(id),
        model          TEXT NOT NULL,
        route          TEXT NOT NULL,
        currency       TEXT NOT NULL,
        entry          TEXT NOT NULL,
        PRIMARY KEY (source_id, model, route, currency)
      ) STRICT;
      CREATE INDEX price_source_entries_model ON price_source_entries(model);

      CREATE TABLE fx_rates (
        currency       TEXT NOT NULL CHECK (length(currency) = 3),
        date           TEXT NOT NULL,
        per_usd        TEXT NOT NULL,
        source         TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        PRIMARY KEY (currency, date)
      ) STRICT;

      CREATE TABLE vendor_regions (
        vendor         TEXT PRIMARY KEY,
        region         TEXT NOT NULL CHECK (region IN ('US', 'CN', 'EU', 'other')),
        created_at     INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE price_state (
        key            TEXT PRIMARY KEY,
        value          TEXT NOT NULL
      ) STRICT;
    `);
  },
};
