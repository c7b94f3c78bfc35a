-- user_version 32

-- index budget_alerts_unread on budget_alerts
CREATE INDEX budget_alerts_unread ON budget_alerts(read_at, fired_at);

-- index budget_cache_rows_budget_day on budget_cache_rows
CREATE INDEX budget_cache_rows_budget_day ON budget_cache_rows(budget_id, day);

-- index bundle_imports_machine on bundle_imports
CREATE INDEX bundle_imports_machine ON bundle_imports(machine_id, sequence);

-- index fact_claims_batch on fact_claims
CREATE INDEX fact_claims_batch ON fact_claims(batch_id);

-- index fact_history_owner on fact_history
CREATE INDEX fact_history_owner ON fact_history(batch_id);

-- index held_facts_batch on held_facts
CREATE INDEX held_facts_batch ON held_facts(batch_id);

-- index held_facts_identity on held_facts
CREATE INDEX held_facts_identity ON held_facts(identity);

-- index held_retractions_batch on held_retractions
CREATE INDEX held_retractions_batch ON held_retractions(batch_id);

-- index price_overrides_model on price_overrides
CREATE INDEX price_overrides_model ON price_overrides(model);

-- index price_source_entries_model on price_source_entries
CREATE INDEX price_source_entries_model ON price_source_entries(model);

-- index rollup_daily_key on rollup_daily
CREATE UNIQUE INDEX rollup_daily_key ON rollup_daily(day, ifnull(provider, x'00'), ifnull(model, x'00'), ifnull(model_raw, x'00'), ifnull(model_family, x'00'), ifnull(vendor, x'00'), ifnull(origin_region, x'00'), ifnull(host, x'00'), ifnull(inference_geo, x'00'), ifnull(account, x'00'), ifnull(project, x'00'), ifnull(api_key, x'00'), ifnull(member, x'00'), ifnull(machine, x'00'), ifnull(service_tier, x'00'), ifnull(line_type, x'00'), ifnull(currency, x'00'));

-- index rollup_daily_spend on rollup_daily
CREATE INDEX rollup_daily_spend ON rollup_daily(day, currency, spend_nano);

-- index rollup_hourly_key on rollup_hourly
CREATE UNIQUE INDEX rollup_hourly_key ON rollup_hourly(day, ifnull(hour, x'00'), ifnull(provider, x'00'), ifnull(model, x'00'), ifnull(model_raw, x'00'), ifnull(model_family, x'00'), ifnull(vendor, x'00'), ifnull(origin_region, x'00'), ifnull(project, x'00'), ifnull(currency, x'00'));

-- index rollup_hourly_spend_key on rollup_hourly_spend
CREATE UNIQUE INDEX rollup_hourly_spend_key ON rollup_hourly_spend(day, ifnull(hour, x'00'), ifnull(vendor, x'00'), ifnull(origin_region, x'00'), ifnull(currency, x'00'));

-- index rollup_narrow_key on rollup_narrow
CREATE UNIQUE INDEX rollup_narrow_key ON rollup_narrow(day, ifnull(provider, x'00'), ifnull(model, x'00'), ifnull(model_raw, x'00'), ifnull(model_family, x'00'), ifnull(vendor, x'00'), ifnull(origin_region, x'00'), ifnull(project, x'00'), ifnull(line_type, x'00'), ifnull(currency, x'00'));

-- index rollup_narrow_spend on rollup_narrow
CREATE INDEX rollup_narrow_spend ON rollup_narrow(day, currency, spend_nano);

-- index rollup_tip_cells_key on rollup_tip_cells
CREATE UNIQUE INDEX rollup_tip_cells_key ON rollup_tip_cells(day, ifnull(provider, x'00'), ifnull(model, x'00'), ifnull(model_raw, x'00'), ifnull(host, x'00'), ifnull(inference_geo, x'00'), ifnull(service_tier, x'00'), ifnull(context_tier, x'00'), ifnull(project, x'00'), ifnull(api_key, x'00'), ifnull(member, x'00'), ifnull(billed_currency, x'00'));

-- index token_supersessions_created on token_supersessions
CREATE INDEX token_supersessions_created ON token_supersessions(created_by_batch_id);

-- index token_supersessions_fact on token_supersessions
CREATE INDEX token_supersessions_fact ON token_supersessions(fact_id);

-- index usage_facts_batch_day on usage_facts
CREATE INDEX usage_facts_batch_day ON usage_facts(batch_id, day);

-- index usage_facts_day on usage_facts
CREATE INDEX usage_facts_day ON usage_facts(day, provider, line_type);

-- index usage_facts_identity on usage_facts
CREATE UNIQUE INDEX usage_facts_identity ON usage_facts(identity);

-- index usage_facts_session on usage_facts
CREATE INDEX usage_facts_session ON usage_facts(session, day) WHERE session IS NOT NULL;

-- index usage_facts_unestimated on usage_facts
CREATE INDEX usage_facts_unestimated ON usage_facts(day, provider, service_tier, model, model_raw, host, inference_geo, price_status, start_ms,
        input, cache_read, cache_write_5m, cache_write_1h, output) WHERE estimated_nano IS NULL AND line_type = 'usage' AND counts_tokens = 1;

-- index webhook_deliveries_alert on webhook_deliveries
CREATE INDEX webhook_deliveries_alert ON webhook_deliveries(alert_id);

-- table budget_alerts on budget_alerts
CREATE TABLE budget_alerts (
        id          INTEGER PRIMARY KEY,
        budget_id   INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
        period_key  TEXT NOT NULL,
        threshold   INTEGER NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('projected', 'crossed')),
        fired_at    INTEGER NOT NULL,
        figures     TEXT NOT NULL,
        read_at     INTEGER,
        UNIQUE (budget_id, period_key, threshold, kind)
      ) STRICT;

-- table budget_cache_days on budget_cache_days
CREATE TABLE budget_cache_days (
    budget_id INTEGER NOT NULL,
    day       TEXT NOT NULL,
    def       TEXT NOT NULL,
    version   INTEGER NOT NULL,
    PRIMARY KEY (budget_id, day)
  ) STRICT, WITHOUT ROWID;

-- table budget_cache_rows on budget_cache_rows
CREATE TABLE budget_cache_rows (
    budget_id INTEGER NOT NULL,
    day       TEXT NOT NULL,
    local_day TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('amount', 'unpriced')),
    key       TEXT NOT NULL,
    amount    INTEGER NOT NULL,
    facts     INTEGER NOT NULL
  ) STRICT;

-- table budgets on budgets
CREATE TABLE budgets (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        definition  TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;

-- table bundle_imports on bundle_imports
CREATE TABLE bundle_imports (
        id           INTEGER PRIMARY KEY,
        machine_id   TEXT NOT NULL,
        machine_name TEXT,
        member       TEXT,
        sequence     INTEGER NOT NULL,
        exported_at  INTEGER NOT NULL,
        since_day    TEXT,
        file_name    TEXT NOT NULL,
        sha256       TEXT NOT NULL,
        imported_at  INTEGER NOT NULL,
        status       TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'undone')),
        undone_at    INTEGER,
        facts_new       INTEGER NOT NULL DEFAULT 0,
        facts_duplicate INTEGER NOT NULL DEFAULT 0,
        facts_revised   INTEGER NOT NULL DEFAULT 0,
        facts_retracted INTEGER NOT NULL DEFAULT 0
      ) STRICT;

-- table bundle_kept_supersessions on bundle_kept_supersessions
CREATE TABLE bundle_kept_supersessions (
        bundle_id            INTEGER NOT NULL,
        superseding_batch_id INTEGER NOT NULL,
        fact_id              INTEGER NOT NULL,
        created_by_batch_id  INTEGER NOT NULL
      ) STRICT;

-- table closed_months on closed_months
CREATE TABLE closed_months (
        month     TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
        closed_at INTEGER NOT NULL
      ) STRICT;

-- table display_names on display_names
CREATE TABLE display_names (
        dimension  TEXT NOT NULL CHECK (dimension IN ('project', 'api_key', 'member', 'account')),
        value      TEXT NOT NULL,
        name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (dimension, value)
      ) STRICT;

-- table fact_claims on fact_claims
CREATE TABLE fact_claims (
        fact_id     INTEGER NOT NULL,
        batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
        source_line INTEGER,
        PRIMARY KEY (fact_id, batch_id)
      ) STRICT, WITHOUT ROWID;

-- table fact_history on fact_history
CREATE TABLE fact_history (
        revised_by_batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        id              INTEGER NOT NULL,
        batch_id        INTEGER NOT NULL,
        source_line     INTEGER,
        format          TEXT NOT NULL,
        identity        TEXT NOT NULL,
        start_ms        INTEGER NOT NULL,
        end_ms          INTEGER NOT NULL,
        day             TEXT NOT NULL,
        granularity     TEXT NOT NULL,
        provider        TEXT NOT NULL,
        account         TEXT,
        project         TEXT,
        api_key         TEXT,
        member          TEXT,
        tags            TEXT,
        model_raw       TEXT,
        model           TEXT,
        model_family    TEXT,
        vendor          TEXT,
        origin_region   TEXT,
        host            TEXT,
        inference_geo   TEXT,
        service_tier    TEXT NOT NULL,
        context_tier    TEXT,
        line_type       TEXT NOT NULL,
        input           INTEGER NOT NULL,
        cache_read      INTEGER NOT NULL,
        cache_write_5m  INTEGER NOT NULL,
        cache_write_1h  INTEGER NOT NULL,
        output          INTEGER NOT NULL,
        reasoning       INTEGER NOT NULL,
        requests        INTEGER NOT NULL,
        other_units     TEXT,
        counts_tokens   INTEGER NOT NULL,
        billed_nano     INTEGER,
        billed_currency TEXT,
        estimated_nano  INTEGER,
        estimated_currency TEXT,
        price_status    TEXT, recorded_nano INTEGER, recorded_currency TEXT, billed_by TEXT, plan TEXT CHECK (plan IN ('included', 'payg')), session TEXT,
        PRIMARY KEY (revised_by_batch_id, id)
      ) STRICT;

-- table fx_rates on fx_rates
CREATE TABLE fx_rates (
        currency       TEXT NOT NULL CHECK (length(currency) = 3),
        date           TEXT NOT NULL,
        per_usd        TEXT NOT NULL,
        source         TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        PRIMARY KEY (currency, date)
      ) STRICT;

-- table held_facts on held_facts
CREATE TABLE held_facts(
  id INT,
  batch_id INT,
  source_line INT,
  format TEXT,
  identity TEXT,
  start_ms INT,
  end_ms INT,
  day TEXT,
  granularity TEXT,
  provider TEXT,
  account TEXT,
  project TEXT,
  api_key TEXT,
  member TEXT,
  tags TEXT,
  model_raw TEXT,
  model TEXT,
  model_family TEXT,
  vendor TEXT,
  origin_region TEXT,
  host TEXT,
  inference_geo TEXT,
  service_tier TEXT,
  context_tier TEXT,
  line_type TEXT,
  input INT,
  cache_read INT,
  cache_write_5m INT,
  cache_write_1h INT,
  output INT,
  reasoning INT,
  requests INT,
  other_units TEXT,
  counts_tokens INT,
  billed_nano INT,
  billed_currency TEXT,
  estimated_nano INT,
  estimated_currency TEXT,
  price_status TEXT,
  recorded_nano INT,
  recorded_currency TEXT,
  billed_by TEXT,
  "plan" TEXT
, hold_kind TEXT NOT NULL DEFAULT 'new' CHECK (hold_kind IN ('new', 'revision')), hold_month TEXT NOT NULL DEFAULT '', session TEXT);

-- table held_retractions on held_retractions
CREATE TABLE held_retractions (
        fact_id   INTEGER PRIMARY KEY,
        bundle_id INTEGER NOT NULL,
        batch_id  INTEGER NOT NULL,
        month     TEXT NOT NULL
      ) STRICT;

-- table held_undos on held_undos
CREATE TABLE held_undos (
        batch_id     INTEGER PRIMARY KEY,
        bundle_id    INTEGER,
        months       TEXT NOT NULL,
        requested_at INTEGER NOT NULL
      ) STRICT;

-- table import_batches on import_batches
CREATE TABLE import_batches (
        id            INTEGER PRIMARY KEY,
        created_at    INTEGER NOT NULL,
        file_name     TEXT NOT NULL,
        file_path     TEXT,
        sha256        TEXT NOT NULL,
        format        TEXT NOT NULL,
        bytes         INTEGER NOT NULL DEFAULT 0,
        status        TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'undone')),
        undone_at     INTEGER,
        rows_new      INTEGER NOT NULL DEFAULT 0,
        rows_duplicate INTEGER NOT NULL DEFAULT 0,
        rows_revised  INTEGER NOT NULL DEFAULT 0,
        rows_skipped  INTEGER NOT NULL DEFAULT 0,
        rows_error    INTEGER NOT NULL DEFAULT 0,
        label         TEXT
      , provider TEXT, grain TEXT, import_id TEXT, demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)), bundle_id INTEGER, origin_machine TEXT, origin_batch INTEGER) STRICT;

-- table import_file_state on import_file_state
CREATE TABLE import_file_state (
        path        TEXT PRIMARY KEY,
        format      TEXT NOT NULL,
        batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
        size        INTEGER NOT NULL CHECK (size >= 0),
        mtime_ms    INTEGER NOT NULL,
        head_sha256 TEXT NOT NULL,
        line_end    INTEGER NOT NULL CHECK (line_end >= 0 AND line_end <= size),
        lines       INTEGER NOT NULL CHECK (lines >= 0),
        tail_sha256 TEXT NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;

-- table ledger_days on ledger_days
CREATE TABLE ledger_days (
    day        TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    max_end_ms INTEGER,
    facts      INTEGER NOT NULL DEFAULT 0
  ) STRICT, WITHOUT ROWID;

-- table machine_members on machine_members
CREATE TABLE machine_members (
        machine_id TEXT PRIMARY KEY,
        member     TEXT
      ) STRICT, WITHOUT ROWID;

-- table mapping_profiles on mapping_profiles
CREATE TABLE mapping_profiles (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        header_key  TEXT NOT NULL UNIQUE,
        header      TEXT NOT NULL,
        delimiter   TEXT NOT NULL,
        roles       TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;

-- table price_overrides on price_overrides
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

-- table price_source_entries on price_source_entries
CREATE TABLE price_source_entries (
        source_id      INTEGER NOT NULL REFERENCES price_sources(id),
        model          TEXT NOT NULL,
        route          TEXT NOT NULL,
        currency       TEXT NOT NULL,
        entry          TEXT NOT NULL,
        PRIMARY KEY (source_id, model, route, currency)
      ) STRICT;

-- table price_sources on price_sources
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

-- table price_state on price_state
CREATE TABLE price_state (
        key            TEXT PRIMARY KEY,
        value          TEXT NOT NULL
      ) STRICT;

-- table rollup_daily on rollup_daily
CREATE TABLE rollup_daily (
    day            TEXT NOT NULL,
    provider       TEXT NOT NULL,
    model          TEXT,
    model_raw      TEXT,
    model_family   TEXT,
    vendor         TEXT,
    origin_region  TEXT,
    host           TEXT,
    inference_geo  TEXT,
    account        TEXT,
    project        TEXT,
    api_key        TEXT,
    member         TEXT,
    service_tier   TEXT NOT NULL,
    line_type      TEXT NOT NULL,
    currency       TEXT NOT NULL,
    facts          INTEGER NOT NULL,
    input          INTEGER NOT NULL,
    cache_read     INTEGER NOT NULL,
    cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    output         INTEGER NOT NULL,
    reasoning      INTEGER NOT NULL,
    requests       INTEGER NOT NULL,
    billed_nano    INTEGER,
    estimated_nano INTEGER,
    spend_nano     INTEGER,
    unpriced_tokens INTEGER NOT NULL,
    unpriced_facts INTEGER NOT NULL
  , recorded_nano INTEGER, notional_nano INTEGER, machine TEXT) STRICT;

-- table rollup_hourly on rollup_hourly
CREATE TABLE rollup_hourly (
    day            TEXT NOT NULL,
    hour           INTEGER,
    provider       TEXT NOT NULL,
    model          TEXT,
    model_raw      TEXT,
    model_family   TEXT,
    vendor         TEXT,
    origin_region  TEXT,
    project        TEXT,
    currency       TEXT NOT NULL,
    facts          INTEGER NOT NULL,
    input          INTEGER NOT NULL,
    cache_read     INTEGER NOT NULL,
    cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    output         INTEGER NOT NULL,
    reasoning      INTEGER NOT NULL,
    requests       INTEGER NOT NULL,
    billed_nano    INTEGER,
    estimated_nano INTEGER,
    spend_nano     INTEGER,
    unpriced_tokens INTEGER NOT NULL,
    unpriced_facts INTEGER NOT NULL
  , recorded_nano INTEGER, notional_nano INTEGER) STRICT;

-- table rollup_hourly_spend on rollup_hourly_spend
CREATE TABLE rollup_hourly_spend (
    day            TEXT NOT NULL,
    hour           INTEGER,
    vendor         TEXT,
    origin_region  TEXT,
    currency       TEXT NOT NULL,
    spend_nano     INTEGER
  ) STRICT;

-- table rollup_narrow on rollup_narrow
CREATE TABLE rollup_narrow (
    day            TEXT NOT NULL,
    provider       TEXT NOT NULL,
    model          TEXT,
    model_raw      TEXT,
    model_family   TEXT,
    vendor         TEXT,
    origin_region  TEXT,
    project        TEXT,
    currency       TEXT NOT NULL,
    facts          INTEGER NOT NULL,
    input          INTEGER NOT NULL,
    cache_read     INTEGER NOT NULL,
    cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    output         INTEGER NOT NULL,
    reasoning      INTEGER NOT NULL,
    requests       INTEGER NOT NULL,
    billed_nano    INTEGER,
    estimated_nano INTEGER,
    spend_nano     INTEGER,
    unpriced_tokens INTEGER NOT NULL,
    unpriced_facts INTEGER NOT NULL
  , recorded_nano INTEGER, notional_nano INTEGER, line_type TEXT) STRICT;

-- table rollup_tip_cells on rollup_tip_cells
CREATE TABLE rollup_tip_cells (
    day             TEXT NOT NULL,
    provider        TEXT NOT NULL,
    model           TEXT,
    model_raw       TEXT,
    host            TEXT,
    inference_geo   TEXT,
    service_tier    TEXT NOT NULL,
    context_tier    TEXT,
    project         TEXT,
    api_key         TEXT,
    member          TEXT,
    billed_currency TEXT,
    vendor          TEXT,
    origin_region   TEXT,
    start_ms        INTEGER NOT NULL,
    end_ms          INTEGER NOT NULL,
    input           INTEGER NOT NULL,
    cache_read      INTEGER NOT NULL,
    cache_write_5m  INTEGER NOT NULL,
    cache_write_1h  INTEGER NOT NULL,
    output          INTEGER NOT NULL,
    reasoning       INTEGER NOT NULL,
    requests        INTEGER NOT NULL,
    billed_nano     INTEGER,
    unbilled        INTEGER NOT NULL,
    timed           INTEGER NOT NULL,
    facts           INTEGER NOT NULL,
    h00 INTEGER NOT NULL,
    h01 INTEGER NOT NULL,
    h02 INTEGER NOT NULL,
    h03 INTEGER NOT NULL,
    h04 INTEGER NOT NULL,
    h05 INTEGER NOT NULL,
    h06 INTEGER NOT NULL,
    h07 INTEGER NOT NULL,
    h08 INTEGER NOT NULL,
    h09 INTEGER NOT NULL,
    h10 INTEGER NOT NULL,
    h11 INTEGER NOT NULL,
    h12 INTEGER NOT NULL,
    h13 INTEGER NOT NULL,
    h14 INTEGER NOT NULL,
    h15 INTEGER NOT NULL,
    h16 INTEGER NOT NULL,
    h17 INTEGER NOT NULL,
    h18 INTEGER NOT NULL,
    h19 INTEGER NOT NULL,
    h20 INTEGER NOT NULL,
    h21 INTEGER NOT NULL,
    h22 INTEGER NOT NULL,
    h23 INTEGER NOT NULL
  ) STRICT;

-- table settings on settings
CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

-- table tip_dismissals on tip_dismissals
CREATE TABLE tip_dismissals (
        period       TEXT NOT NULL,
        tip_id       TEXT NOT NULL,
        dismissed_at INTEGER NOT NULL,
        PRIMARY KEY (period, tip_id)
      ) STRICT;

-- table token_supersessions on token_supersessions
CREATE TABLE token_supersessions (
        superseding_batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        fact_id              INTEGER NOT NULL,
        created_by_batch_id  INTEGER NOT NULL REFERENCES import_batches(id),
        PRIMARY KEY (superseding_batch_id, fact_id)
      ) STRICT;

-- table usage_facts on usage_facts
CREATE TABLE usage_facts (
        id              INTEGER PRIMARY KEY,
        batch_id        INTEGER NOT NULL REFERENCES import_batches(id) DEFERRABLE INITIALLY DEFERRED,
        source_line     INTEGER,
        format          TEXT NOT NULL,
        identity        TEXT NOT NULL,
        start_ms        INTEGER NOT NULL,
        end_ms          INTEGER NOT NULL,
        day             TEXT NOT NULL,
        granularity     TEXT NOT NULL,
        provider        TEXT NOT NULL,
        account         TEXT,
        project         TEXT,
        api_key         TEXT,
        member          TEXT,
        tags            TEXT,
        model_raw       TEXT,
        model           TEXT,
        model_family    TEXT,
        vendor          TEXT,
        origin_region   TEXT,
        host            TEXT,
        inference_geo   TEXT,
        service_tier    TEXT NOT NULL DEFAULT 'standard',
        context_tier    TEXT,
        line_type       TEXT NOT NULL DEFAULT 'usage',
        input           INTEGER NOT NULL DEFAULT 0 CHECK (input >= 0),
        cache_read      INTEGER NOT NULL DEFAULT 0 CHECK (cache_read >= 0),
        cache_write_5m  INTEGER NOT NULL DEFAULT 0 CHECK (cache_write_5m >= 0),
        cache_write_1h  INTEGER NOT NULL DEFAULT 0 CHECK (cache_write_1h >= 0),
        output          INTEGER NOT NULL DEFAULT 0 CHECK (output >= 0),
        reasoning       INTEGER NOT NULL DEFAULT 0 CHECK (reasoning >= 0 AND reasoning <= output),
        requests        INTEGER NOT NULL DEFAULT 0 CHECK (requests >= 0),
        other_units     TEXT,
        -- 1 when these tokens count; 0 when a finer-grained source covers the same usage
        counts_tokens   INTEGER NOT NULL DEFAULT 1 CHECK (counts_tokens IN (0, 1)),
        billed_nano     INTEGER,
        billed_currency TEXT,
        estimated_nano  INTEGER,
        estimated_currency TEXT,
        price_status    TEXT, recorded_nano INTEGER, recorded_currency TEXT, billed_by TEXT, plan TEXT CHECK (plan IN ('included', 'payg')), session TEXT,
        CHECK ((billed_nano IS NULL) = (billed_currency IS NULL)),
        CHECK ((estimated_nano IS NULL) = (estimated_currency IS NULL))
      , CONSTRAINT usage_facts_granularity CHECK (granularity = 'request' OR granularity = 'hour' OR granularity = 'day' OR granularity = 'month'), CONSTRAINT usage_facts_origin_region CHECK (origin_region = 'US' OR origin_region = 'CN' OR origin_region = 'EU' OR origin_region = 'other'), CONSTRAINT usage_facts_line_type CHECK (line_type = 'usage' OR line_type = 'cost' OR line_type = 'credit' OR line_type = 'tax' OR line_type = 'fee'), CONSTRAINT usage_facts_price_status CHECK (price_status = 'priced' OR price_status = 'unpriced' OR price_status = 'not_applicable')) STRICT;

-- table usage_plans on usage_plans
CREATE TABLE usage_plans (
        provider   TEXT NOT NULL CHECK (length(provider) BETWEEN 1 AND 80),
        account    TEXT NOT NULL DEFAULT '',
        plan       TEXT NOT NULL CHECK (plan IN ('included', 'payg')),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (provider, account)
      ) STRICT;

-- table vendor_regions on vendor_regions
CREATE TABLE vendor_regions (
        vendor         TEXT PRIMARY KEY,
        region         TEXT NOT NULL CHECK (region IN ('US', 'CN', 'EU', 'other')),
        created_at     INTEGER NOT NULL
      ) STRICT;

-- table webhook_deliveries on webhook_deliveries
CREATE TABLE webhook_deliveries (
        id          INTEGER PRIMARY KEY,
        alert_id    INTEGER NOT NULL REFERENCES budget_alerts(id) ON DELETE CASCADE,
        url         TEXT NOT NULL,
        attempt     INTEGER NOT NULL,
        started_at  INTEGER NOT NULL,
        finished_at INTEGER,
        status      TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        http_status INTEGER,
        error       TEXT
      , error_said TEXT) STRICT;
