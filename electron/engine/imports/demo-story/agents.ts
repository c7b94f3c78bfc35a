/**
 * The demo's coding-agent logs: Claude Code sessions (a cache-heavy workflow in the checkout repository
 * by day, the pipeline's agent at night) and Codex rollouts on gpt-5 with a large reasoning share. Only
 * the lines the importers read carry content, and no prompt text at all.
 */
import type { DemoFile } from './providers';
import { isoDay, jitter, PROJECTS, type StoryCalendar, weekdayFactor } from './story';

const HOUR = 3_600_000;
const GPT5_RELEASE = Date.UTC(2025, 7, 7);

/** A uuid-shaped id, deterministic from its parts. */
function uuidOf(...parts: (string | number)[]): string {
  let h = 2166136261;
  const s = parts.join('|');
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    h = Math.imul(h ^ round, 2654435761) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const x = hex.join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(13, 16)}-a${x.slice(17, 20)}-${x.slice(20, 32)}`;
}

interface ClaudeCall {
  at: number;
  cwd: string;
  session: string;
  cacheRead: number;
  cacheWrite: number;
  input: number;
  output: number;
}

function claudeLine(c: ClaudeCall, i: number): string {
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    userType: 'external',
    cwd: c.cwd,
    sessionId: c.session,
    version: '2.0.14',
    gitBranch: 'main',
    type: 'assistant',
    uuid: uuidOf('cc-line', c.session, i),
    timestamp: new Date(c.at).toISOString(),
    message: {
      id: `msg_demo${uuidOf('msg', c.session, i).replace(/-/g, '').slice(0, 20)}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: c.input,
        cache_creation_input_tokens: c.cacheWrite,
        cache_read_input_tokens: c.cacheRead,
        cache_creation: { ephemeral_5m_input_tokens: c.cacheWrite, ephemeral_1h_input_tokens: 0 },
        output_tokens: c.output,
        service_tier: 'standard',
      },
    },
    requestId: `req_demo${uuidOf('req', c.session, i).replace(/-/g, '').slice(0, 20)}`,
  });
}

/** One Claude Code log per month and repository (Claude Code keeps one file per session; the lines are the same). */
export function claudeCodeFiles(cal: StoryCalendar, rand: () => number): DemoFile[] {
  const files = new Map<string, string[]>();
  const add = (name: string, line: string) => files.set(name, [...(files.get(name) ?? []), line]);
  for (const day of cal.days) {
    const month = isoDay(day).slice(0, 7);
    // Checkout web by day: two developers, long cached context, small fresh input.
    const n = jitter(rand, 8 * weekdayFactor(day));
    const session = uuidOf('checkout', day);
    for (let i = 0; i < n; i++) {
      const at = day + 9 * HOUR + Math.floor((i / n) * 8 * HOUR) + 17_000;
      add(`claude-code-checkout-web-${month}.jsonl`, claudeLine({ at, cwd: PROJECTS.checkout.cwd, session, cacheRead: jitter(rand, 360_000), cacheWrite: jitter(rand, 15_000), input: 72, output: jitter(rand, 5100) }, i));
    }
    // The pipeline's agent at night (01:00-04:00 UTC), every day: work nobody waits for.
    const night = uuidOf('pipeline', day);
    for (let i = 0; i < 6; i++) {
      const at = day + HOUR + i * 28 * 60_000 + 3_000;
      add(`claude-code-data-pipeline-${month}.jsonl`, claudeLine({ at, cwd: PROJECTS.pipeline.cwd, session: night, cacheRead: jitter(rand, 88_000), cacheWrite: jitter(rand, 24_000), input: jitter(rand, 56_000), output: jitter(rand, 6400) }, i));
    }
  }
  return [...files].map(([name, lines]) => ({ name, text: lines.join('\n') + '\n' }));
}

/** Codex rollouts in the checkout repository, one per month: gpt-5 at high effort, mostly reasoning. */
export function codexFiles(cal: StoryCalendar, rand: () => number): DemoFile[] {
  const out: DemoFile[] = [];
  let month = '';
  let current = '';
  let lines: string[] = [];
  let total = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
  const flush = () => {
    if (lines.length > 0) out.push({ name: `rollout-${month}-01T08-00-00-${uuidOf('codex', month)}.jsonl`, text: lines.join('\n') + '\n' });
  };
  for (const day of cal.days) {
    const m = isoDay(day).slice(0, 7);
    if (m !== month) {
      flush();
      month = m;
      total = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
      const at = new Date(day + 8 * HOUR).toISOString();
      const id = uuidOf('codex', month);
      lines = [
        JSON.stringify({ timestamp: at, type: 'session_meta', payload: { id, timestamp: at, cwd: PROJECTS.checkout.cwd, originator: 'codex_cli_rs', cli_version: '0.46.0' } }),
      ];
      current = '';
    }
    // Codex ran o4-mini until gpt-5 came out (2025-08-07): a demo dated before then uses what existed.
    const model = day >= GPT5_RELEASE ? 'gpt-5' : 'o4-mini';
    if (model !== current) {
      lines.push(JSON.stringify({ timestamp: new Date(day + 8 * HOUR).toISOString(), type: 'turn_context', payload: { cwd: PROJECTS.checkout.cwd, model, effort: 'high' } }));
      current = model;
    }
    const n = jitter(rand, 6 * weekdayFactor(day));
    for (let i = 0; i < n; i++) {
      const input = jitter(rand, 130_000);
      const cached = Math.floor(input * 0.7);
      const output = jitter(rand, 16_000);
      const reasoning = Math.floor(output * 0.72);
      const last = { input_tokens: input, cached_input_tokens: cached, output_tokens: output, reasoning_output_tokens: reasoning, total_tokens: input + output };
      total = {
        input_tokens: total.input_tokens + input,
        cached_input_tokens: total.cached_input_tokens + cached,
        output_tokens: total.output_tokens + output,
        reasoning_output_tokens: total.reasoning_output_tokens + reasoning,
        total_tokens: total.total_tokens + input + output,
      };
      const at = new Date(day + 10 * HOUR + Math.floor((i / n) * 7 * HOUR) + 31_000).toISOString();
      lines.push(JSON.stringify({ timestamp: at, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: total, last_token_usage: last, model_context_window: 272_000 } } }));
    }
  }
  flush();
  return out;
}

