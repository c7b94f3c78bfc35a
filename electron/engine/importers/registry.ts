/** Every importer, and identification of a file by content. */
import { anthropicConsoleCostCsv } from './anthropic-console-cost-csv';
import { anthropicConsoleUsageCsv } from './anthropic-console-usage-csv';
import { anthropicCostJson } from './anthropic-cost-json';
import { anthropicUsageJson } from './anthropic-usage-json';
import { awsCur } from './aws-cur';
import { azureCostCsv } from './azure-cost-csv';
import { claudeCodeJsonl } from './claude-code-jsonl';
import { deepseekUsageAmountCsv } from './deepseek-usage-amount-csv';
import { deepseekUsageCostCsv } from './deepseek-usage-cost-csv';
import { gcpBillingCsv } from './gcp-billing-csv';
import { gcpBillingReportsCsv } from './gcp-billing-reports-csv';
import { litellmSpendCsv } from './litellm-spend-csv';
import { openaiCostsJson } from './openai-costs-json';
import { openaiDashboardCostCsv } from './openai-dashboard-cost-csv';
import { openaiDashboardUsageCsv } from './openai-dashboard-usage-csv';
import { openaiUsageJson } from './openai-usage-json';
import { openrouterActivityCsv } from './openrouter-activity-csv';
import { openrouterActivityJson } from './openrouter-activity-json';
import { openrouterGeneration } from './openrouter-generation';
import { zhipuBillCsv } from './zhipu-bill-csv';
import { codexRollout } from './agents/codex';
import { copilotCliEvents } from './agents/copilot-cli';
import { cursorUsageCsv } from './agents/cursor';
import { geminiCliChat } from './agents/gemini-cli';
import { opencodeDb, opencodeStorageJson } from './agents/opencode';
import { qwenCodeJsonl } from './agents/qwen-code';
import { vscodeAgentTasks } from './agents/vscode-tasks';
import type { FileHead, Importer } from './types';

export const importers: readonly Importer[] = [
  openrouterActivityCsv,
  openrouterActivityJson,
  openrouterGeneration,
  openaiUsageJson,
  openaiCostsJson,
  openaiDashboardUsageCsv,
  openaiDashboardCostCsv,
  anthropicUsageJson,
  anthropicCostJson,
  anthropicConsoleUsageCsv,
  anthropicConsoleCostCsv,
  awsCur,
  azureCostCsv,
  gcpBillingCsv,
  gcpBillingReportsCsv,
  deepseekUsageAmountCsv,
  deepseekUsageCostCsv,
  zhipuBillCsv,
  claudeCodeJsonl,
  litellmSpendCsv,
  codexRollout,
  geminiCliChat,
  opencodeDb,
  opencodeStorageJson,
  qwenCodeJsonl,
  vscodeAgentTasks,
  copilotCliEvents,
  cursorUsageCsv,
];

export function importerById(id: string): Importer | undefined {
  return importers.find((i) => i.id === id);
}

export type IdentifyResult =
  | { importer: Importer }
  | { error: 'ambiguous'; ids: string[] }
  | { error: 'unrecognized'; closest: { id: string; label: string; score: number; missing: string[] } | null };

/** Exactly one importer must claim the file; otherwise say which ones did, or which format is closest. */
export function identifyFile(head: FileHead, candidates: readonly Importer[] = importers): IdentifyResult {
  const matches: Importer[] = [];
  let closest: { id: string; label: string; score: number; missing: string[] } | null = null;
  for (const imp of candidates) {
    const r = imp.identify(head);
    if (r.match) matches.push(imp);
    else if (!closest || r.score > closest.score) closest = { id: imp.id, label: imp.label, score: r.score, missing: r.missing };
  }
  // A mapping profile (generic-csv.ts, `fallback`) claims a file only when no built-in format does.
  if (matches.some((m) => !m.fallback)) matches.splice(0, matches.length, ...matches.filter((m) => !m.fallback));
  if (matches.length === 1) return { importer: matches[0]! };
  if (matches.length > 1) return { error: 'ambiguous', ids: matches.map((m) => m.id) };
  return { error: 'unrecognized', closest: closest && closest.score > 0 ? closest : null };
}
