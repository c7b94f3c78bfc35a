import type { Migration } from './types';

/**
 * A cost a gateway or an agent computed itself is "recorded", never billed: `recorded_nano` and
 * `recorded_currency` on facts and their history, beside billed and estimated. `billed_by` names the
 * provider whose bill covers a fact's usage (the provider itself for exports of a bill; Anthropic for a
 * Claude Code log, the upstream a gateway routed to): where that bill covers the same day and model, the
 * bill is the spend and the log only attributes it. LiteLLM's spend logs were stored as billed: their
 * money moves to recorded. The rollups gain the recorded sum (derived: refilled after migrating).
 */
const FACT_COLUMNS = (table: string) => `
  ALTER TABLE ${table} ADD COLUMN recorded_nano INTEGER;
  ALTER TABLE ${table} ADD COLUMN recorded_currency TEXT;
  ALTER TABLE ${table} ADD COLUMN billed_by TEXT;
  UPDATE ${table} SET recorded_nano = billed_nano, recorded_currency = billed_currency, billed_nano = NULL, billed_currency = NULL
    WHERE format = 'litellm-spend-csv';
  UPDATE ${table} SET billed_by = CASE
    WHEN provider = 'claude-code' THEN 'anthropic'
    WHEN provider = 'codex-log' THEN 'openai'
    WHEN provider = 'gemini-cli-log' THEN 'google-gemini-api'
    WHEN provider IN ('litellm', 'opencode-log', 'kilo-cli-log', 'roo-code-log', 'cline-log', 'kilo-code-log') THEN CASE lower(coalesce(host, ''))
      WHEN 'anthropic' THEN 'anthropic'
      WHEN 'openai' THEN 'openai'
      WHEN 'openrouter' THEN 'openrouter'
      WHEN 'deepseek' THEN 'deepseek'
      WHEN 'bedrock' THEN 'aws-bedrock'
      WHEN 'amazon-bedrock' THEN 'aws-bedrock'
      WHEN 'azure' THEN 'azure-openai'
      WHEN 'vertex_ai' THEN 'gcp-vertex'
      WHEN 'google-vertex' THEN 'gcp-vertex'
      WHEN 'gemini' THEN 'google-gemini-api'
      WHEN 'google' THEN 'google-gemini-api'
      WHEN 'zhipuai' THEN 'zhipu'
      ELSE provider END
    ELSE provider END;
`;

const ROLLUP_COLUMNS = ['rollup_daily', 'rollup_narrow', 'rollup_hourly'].map((t) => `ALTER TABLE ${t} ADD COLUMN recorded_nano INTEGER;`).join('\n');

export const m013RecordedCost: Migration = {
  version: 13,
  name: 'recorded-cost',
  derived: true,
  up(db) {
    db.exec(FACT_COLUMNS('usage_facts'));
    db.exec(FACT_COLUMNS('fact_history'));
    db.exec(ROLLUP_COLUMNS);
  },
};
