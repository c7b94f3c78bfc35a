/**
 * Every built-in importer, one line each (imports/identify.ts chooses among them by content). Adding a
 * format: its file in its vendor's folder, one line here, its sample and expected totals in test/fixtures.
 */
import { anthropicConsoleCostCsv } from './anthropic/console-cost-csv';
import { anthropicConsoleUsageCsv } from './anthropic/console-usage-csv';
import { anthropicCostJson } from './anthropic/cost-json';
import { anthropicUsageJson } from './anthropic/usage-json';
import { awsCur } from './aws/cur-csv';
import { azureCostCsv } from './azure/cost-csv';
import { claudeCodeJsonl } from './anthropic/claude-code-jsonl';
import { deepseekUsageAmountCsv } from './deepseek/usage-amount-csv';
import { deepseekUsageCostCsv } from './deepseek/usage-cost-csv';
import { gcpBillingCsv } from './google/billing-csv';
import { gcpBillingReportsCsv } from './google/billing-reports-csv';
import { litellmSpendCsv } from './litellm/spend-csv';
import { openaiCostsJson } from './openai/costs-json';
import { openaiDashboardCostCsv } from './openai/dashboard-cost-csv';
import { openaiDashboardUsageCsv } from './openai/dashboard-usage-csv';
import { openaiUsageJson } from './openai/usage-json';
import { openrouterActivityCsv } from './openrouter/activity-csv';
import { openrouterActivityJson } from './openrouter/activity-json';
import { openrouterGeneration } from './openrouter/generation';
import { zhipuBillCsv } from './zhipu/bill-csv';
import { codexRollout } from './agents/codex';
import { copilotCliEvents } from './agents/copilot-cli';
import { cursorUsageCsv } from './agents/cursor';
import { geminiCliChat } from './agents/gemini-cli';
import { opencodeDb, opencodeStorageJson } from './agents/opencode';
import { qwenCodeJsonl } from './agents/qwen-code';
import { vscodeAgentTasks } from './agents/vscode-tasks';
import type { Importer } from './types';

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

/** The built-in importer with this format id. */
export function importerById(id: string): Importer | undefined {
  return importers.find((i) => i.id === id);
}
