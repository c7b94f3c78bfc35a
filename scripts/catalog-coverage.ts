/** Share of LiteLLM chat models (mode == chat) whose maker resolveModel() can tell. node --import tsx scripts/catalog-coverage.ts [litellm.json] */
import { existsSync, readFileSync } from 'node:fs';
import { resolveModel } from '../shared/domain/models';

const path = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? (existsSync('../shared/reference/pricing/litellm_model_prices.json') ? '../shared/reference/pricing/litellm_model_prices.json' : 'data/pricing/litellm-chat-prices.json');
const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { mode?: string; litellm_provider?: string }>;
const chat = Object.entries(json).filter(([, v]) => v && v.mode === 'chat');
const missed = chat.filter(([k, v]) => !resolveModel(k, { provider: v.litellm_provider ?? '' }));
const share = ((chat.length - missed.length) / chat.length) * 100;
console.log(`${path}: ${chat.length - missed.length} of ${chat.length} chat models resolve to a known vendor (${share.toFixed(1)}%)`);
if (process.argv.includes('--list')) for (const [k] of missed) console.log(`  unresolved: ${k}`);
