/** Small real-format exports written on the fly: LiteLLM spend logs (per request) and OpenAI costs (UTC day buckets). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RequestRow {
  id: string;
  /** ISO instant the request started. */
  at: string;
  /** USD, decimal string. */
  spend: string;
  model?: string;
  project?: string;
  key?: string;
  user?: string;
  promptTokens?: number;
  completionTokens?: number;
}

const HEADER =
  'request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,request_duration_ms,completionStartTime,model,model_id,model_group,custom_llm_provider,api_base,user,metadata,cache_hit,cache_key,request_tags,team_id,organization_id,end_user,requester_ip_address,session_id,status';

/** A LiteLLM spend-log CSV: one row per request, spend in USD. */
export function writeLitellmCsv(dir: string, name: string, rows: RequestRow[]): string {
  const lines = rows.map((r) => {
    const p = r.promptTokens ?? 1000;
    const c = r.completionTokens ?? 100;
    const end = new Date(Date.parse(r.at) + 1000).toISOString();
    const meta = JSON.stringify({ user_api_key_alias: r.key ?? 'svc-main', project_id: r.project ?? 'proj-web' }).replace(/"/g, '""');
    return [
      r.id, 'acompletion', 'hash', r.spend, p + c, p, c, r.at, end, 1000, r.at, r.model ?? 'gpt-4o-2024-08-06', 'm1', 'gpt-4o', 'openai',
      'https://api.openai.com/v1', r.user ?? '', `"${meta}"`, 'False', '', '"[""prod""]"', 'team-1', '', '', '', '', 'success',
    ].join(',');
  });
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
  return path;
}

/** An OpenAI costs JSON with one UTC day bucket per entry (00:00-24:00 UTC). */
export function writeOpenaiCosts(dir: string, name: string, days: { day: string; usd: number; project?: string }[]): string {
  const data = days.map((d) => {
    const start = Date.parse(`${d.day}T00:00:00Z`) / 1000;
    return {
      object: 'bucket',
      start_time: start,
      end_time: start + 86_400,
      results: [
        {
          object: 'organization.costs.result',
          amount: { value: d.usd, currency: 'usd' },
          // A model the LiteLLM samples do not call: their requests are not part of this bill (a bill of the
          // same provider, day and model would be their spend, and the gateway's figure only attribution).
          line_item: 'gpt-4.1-2025-04-14, input',
          project_id: d.project ?? 'proj_budget',
        },
      ],
    };
  });
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ object: 'page', data, has_more: false, next_page: null }, null, 2));
  return path;
}

/** `n` requests, one per UTC day from `firstDay` at 10:00Z, each costing `usd`. */
export function dailyRequests(prefix: string, firstDay: string, n: number, usd: string, extra: Partial<RequestRow> = {}): RequestRow[] {
  const t0 = Date.parse(`${firstDay}T10:00:00Z`);
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, at: new Date(t0 + i * 86_400_000).toISOString(), spend: usd, ...extra }));
}

/** A Claude Code session log with assistant messages (no cost in the file: the price book estimates it). */
export function writeClaudeCodeLog(dir: string, name: string, messages: { id: string; at: string; model: string; input: number; output: number }[]): string {
  const lines = [
    JSON.stringify({ type: 'summary', summary: 'budget test', leafUuid: 'leaf-1' }),
    ...messages.map((m, i) =>
      JSON.stringify({
        parentUuid: null,
        isSidechain: false,
        userType: 'external',
        cwd: '/tmp/project',
        sessionId: 'session-budget-test',
        version: '1.0.98',
        type: 'assistant',
        uuid: `uuid-${m.id}`,
        timestamp: m.at,
        message: {
          id: `msg_${m.id}`,
          type: 'message',
          role: 'assistant',
          model: m.model,
          content: [{ type: 'text', text: 'ok' }],
          stop_reason: 'end_turn',
          usage: { input_tokens: m.input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: m.output, service_tier: 'standard' },
        },
        requestId: `req_${i}_${m.id}`,
      }),
    ),
  ];
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
