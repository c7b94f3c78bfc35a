/**
 * A deterministic Codex CLI / Desktop sessions folder for benchmarks and tests, shaped like the real one
 * (CODEX_HOME/sessions/YYYY/MM/DD/rollout-<local time>-<uuid>.jsonl and archived_sessions/), with the
 * traps real folders have and the ground truth of what must be counted:
 *  - a token_count per model call with the CUMULATIVE total, re-emitted unchanged ~30 % of the time,
 *    and an `info: null` (rate limits only) at every turn start;
 *  - the model switched mid-session now and then (turn_context);
 *  - a session's counters restarting (a resumed process): the total goes down;
 *  - sub-agent files replaying their parent's history as a burst of token_count rows in one second;
 *  - branched Codex Desktop conversations copying another file's first calls verbatim;
 *  - byte copies of sessions in archived_sessions/, and sessions that exist only there.
 * `records` counts the model calls that must be counted (copies and replays are on top).
 *
 *   node --import tsx bench/gen-codex-logs.ts OUT RECORDS [SEED]   prints the ground truth as JSON
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { seeded } from '../shared/domain/random';

export interface CodexTruth {
  calls: number;
  input_uncached: number;
  cache_read: number;
  output: number;
  reasoning: number;
  /** Files written (sessions, sub-agents, branches, archive copies). */
  files: number;
  /** token_count rows that must NOT count (re-emits, info:null, replays, branch copies, archive copies). */
  trapRows: number;
  /** How many of each trap the folder holds (every kind at least once from 8 sessions on). */
  traps: { reEmits: number; restarts: number; subagents: number; branches: number; archiveCopies: number; archiveOnly: number };
}

const MODELS = ['gpt-5', 'gpt-5-codex'];
const CALLS_PER_SESSION = 400;
const PROJECTS = ['acme-api', 'ledger-ui', 'infra', 'billing', 'docs-site', 'mobile-app', 'data-pipeline', 'auth-service'];

const rng = seeded;

interface Usage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  total_tokens: number;
}

const add = (a: Usage, b: Usage): Usage => ({
  input_tokens: a.input_tokens + b.input_tokens,
  cached_input_tokens: a.cached_input_tokens + b.cached_input_tokens,
  output_tokens: a.output_tokens + b.output_tokens,
  reasoning_output_tokens: a.reasoning_output_tokens + b.reasoning_output_tokens,
  total_tokens: a.total_tokens + b.total_tokens,
});
const ZERO: Usage = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };

const RATE_LIMITS = '"rate_limits":{"primary":{"used_percent":12.0,"window_minutes":300,"resets_in_seconds":9000},"secondary":{"used_percent":3.0,"window_minutes":10080,"resets_in_seconds":500000}}';

function tokenCount(ts: string, total: Usage, last: Usage): string {
  return `{"timestamp":"${ts}","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":${JSON.stringify(total)},"last_token_usage":${JSON.stringify(last)},"model_context_window":272000},${RATE_LIMITS}}}`;
}

function uuidOf(r: () => number, t: number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
  const ms = t.toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hex(3)}-${(8 + Math.floor(r() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

const iso = (t: number) => new Date(t).toISOString();
const localName = (t: number) => iso(t).slice(0, 19).replace(/:/g, '-');

interface Session {
  id: string;
  start: number;
  project: string;
  /** The lines of each call, in order, so a branch can copy a prefix verbatim. */
  calls: string[][];
  head: string[];
}

/** Write the folder; returns what an importer must count. */
export function writeCodexFolder(dir: string, records: number, seed = 1): CodexTruth {
  const r = rng(seed);
  const traps = { reEmits: 0, restarts: 0, subagents: 0, branches: 0, archiveCopies: 0, archiveOnly: 0 };
  const truth: CodexTruth = { calls: 0, input_uncached: 0, cache_read: 0, output: 0, reasoning: 0, files: 0, trapRows: 0, traps };
  const sessions: Session[] = [];
  let t = Date.UTC(2025, 8, 6, 8);
  const count = (u: Usage) => {
    truth.calls++;
    truth.input_uncached += u.input_tokens - u.cached_input_tokens;
    truth.cache_read += u.cached_input_tokens;
    truth.output += u.output_tokens;
    truth.reasoning += u.reasoning_output_tokens;
  };
  const write = (path: string, lines: string[]) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, lines.join('\n') + '\n');
    truth.files++;
  };
  const sessionPath = (start: number, id: string) => {
    const d = iso(start);
    return join(dir, 'sessions', d.slice(0, 4), d.slice(5, 7), d.slice(8, 10), `rollout-${localName(start)}-${id}.jsonl`);
  };

  let s = 0;
  while (truth.calls < records) {
    const n = Math.min(CALLS_PER_SESSION, records - truth.calls);
    t += 3_600_000 + Math.floor(r() * 7_200_000);
    const start = t;
    const id = uuidOf(r, start);
    const project = PROJECTS[s % PROJECTS.length]!;
    // Each kind of file at least once early on, then at random.
    const kind = s === 3 ? 'subagent' : s === 5 ? 'branch' : s > 5 && r() < 0.04 ? 'subagent' : s > 5 && r() < 0.04 ? 'branch' : 'plain';
    if (kind === 'subagent') traps.subagents++;
    if (kind === 'branch') traps.branches++;
    const parent = kind === 'plain' ? null : sessions[Math.floor(r() * sessions.length)]!;
    let model = MODELS[s % 2]!;
    const lines: string[] = [];
    const meta = (sid: string, at: number, cwd: string, extra = '') =>
      `{"timestamp":"${iso(at)}","type":"session_meta","payload":{"id":"${sid}","timestamp":"${iso(at)}","cwd":"/Users/dev/${cwd}","originator":"${kind === 'branch' ? 'Codex Desktop' : 'codex_cli_rs'}","cli_version":"0.36.0","instructions":null${extra},"git":{"commit_hash":"0397447220ab4294c7c6f50a48e9a7118b1aef1b","branch":"main","repository_url":"git@github.com:acme/${cwd}.git"}}}`;
    const turnContext = (at: number) =>
      `{"timestamp":"${iso(at)}","type":"turn_context","payload":{"cwd":"/Users/dev/${project}","approval_policy":"on-request","sandbox_policy":{"mode":"workspace-write","network_access":false},"model":"${model}","effort":"medium","summary":"auto"}}`;
    let total = ZERO;
    if (kind === 'subagent') {
      lines.push(meta(id, start, project, `,"source":{"subagent":{"thread_spawn":{"parent_thread_id":"${parent!.id}","depth":1}}}`));
      lines.push(meta(parent!.id, parent!.start, parent!.project));
      // The parent's history replayed: its token_count rows re-stamped with this file's creation second.
      let replay = ZERO;
      const second = start - (start % 1000);
      const k = Math.min(parent!.calls.length, 5 + Math.floor(r() * 20));
      for (let i = 0; i < k; i++) {
        const u: Usage = { input_tokens: 5000 + i, cached_input_tokens: 1000, output_tokens: 100, reasoning_output_tokens: 10, total_tokens: 5100 + i };
        replay = add(replay, u);
        lines.push(tokenCount(iso(second + 1 + i), replay, u));
        truth.trapRows++;
      }
      total = replay;
    } else {
      lines.push(meta(id, start, project));
    }
    let at = start + 1000;
    if (kind === 'branch') {
      // A branched conversation opens with another file's turn context and first calls, copied verbatim
      // (timestamps included); it goes on from the copy's last total, with the model then in effect.
      lines.push(...parent!.head.slice(1));
      const m = Math.min(parent!.calls.length, 3 + Math.floor(r() * 10));
      for (let i = 0; i < m; i++) {
        lines.push(...parent!.calls[i]!);
        truth.trapRows++;
      }
      const copied = lines.map((l) => JSON.parse(l) as { timestamp: string; type: string; payload: { type?: string; model?: string; info?: { total_token_usage: Usage } | null } });
      total = copied.filter((l) => l.payload.type === 'token_count' && l.payload.info).pop()!.payload.info!.total_token_usage;
      model = copied.filter((l) => l.type === 'turn_context').pop()!.payload.model!;
      at = Math.max(at, Date.parse(copied[copied.length - 1]!.timestamp) + 1000);
    } else {
      lines.push(turnContext(start + 20));
    }
    const session: Session = { id, start, project, calls: [], head: [...lines] };
    for (let i = 0; i < n; i++) {
      const call: string[] = [];
      if (i % 4 === 0) {
        at += 30_000 + Math.floor(r() * 120_000);
        if (i > 0 && r() < 0.05) {
          model = model === MODELS[0] ? MODELS[1]! : MODELS[0]!;
          call.push(turnContext(at - 5));
        }
        call.push(`{"timestamp":"${iso(at)}","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"Step ${i} of the plan: refactor the module and keep the tests green."}]}}`);
        call.push(`{"timestamp":"${iso(at)}","type":"event_msg","payload":{"type":"user_message","message":"Step ${i} of the plan: refactor the module and keep the tests green.","kind":"plain"}}`);
        call.push(`{"timestamp":"${iso(at + 300)}","type":"event_msg","payload":{"type":"token_count","info":null,${RATE_LIMITS}}}`);
        truth.trapRows++;
      }
      at += 2_000 + Math.floor(r() * 40_000);
      const cached = i % 4 === 0 ? 0 : 128 * Math.floor(r() * 200);
      const input = cached + 200 + Math.floor(r() * 20_000);
      const output = 20 + Math.floor(r() * 3000);
      const reasoning = Math.floor(output * r() * 0.8);
      const u: Usage = { input_tokens: input, cached_input_tokens: cached, output_tokens: output, reasoning_output_tokens: reasoning, total_tokens: input + output };
      call.push(`{"timestamp":"${iso(at - 200)}","type":"response_item","payload":{"type":"reasoning","summary":[{"type":"summary_text","text":"**Reading the module**"}],"content":null,"encrypted_content":"gAAAAABo${'x'.repeat(64)}"}}`);
      call.push(`{"timestamp":"${iso(at - 200)}","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\\"command\\":[\\"bash\\",\\"-lc\\",\\"rg -n token src\\"]}","call_id":"call_${i.toString(36)}"}}`);
      // A resumed process restarts its counters: the total goes back to this call alone.
      const restart = i > 10 && (r() < 0.002 || (s === 4 && i === 20));
      if (restart) traps.restarts++;
      total = restart ? u : add(total, u);
      call.push(tokenCount(iso(at), total, u));
      count(u);
      if (r() < 0.3) {
        call.push(tokenCount(iso(at + 500), total, u)); // a UI / rate-limit refresh re-emits the same counts
        truth.trapRows++;
        traps.reEmits++;
      }
      call.push(`{"timestamp":"${iso(at + 600)}","type":"response_item","payload":{"type":"function_call_output","call_id":"call_${i.toString(36)}","output":"{\\"output\\":\\"src/a.ts:1: token\\\\n\\",\\"metadata\\":{\\"exit_code\\":0}}"}}`);
      if (session.calls.length < 13) session.calls.push(call); // what a branch may copy
      lines.push(...call);
    }
    const path = sessionPath(start, id);
    const archivedOnly = kind === 'plain' && (s === 2 || r() < 0.02);
    if (archivedOnly) {
      write(join(dir, 'archived_sessions', `rollout-${localName(start)}-${id}.jsonl`), lines);
      traps.archiveOnly++;
    } else {
      write(path, lines);
      if (kind === 'plain' && (s === 1 || r() < 0.05)) {
        traps.archiveCopies++;
        const copy = join(dir, 'archived_sessions', `rollout-${localName(start)}-${id}.jsonl`);
        mkdirSync(dirname(copy), { recursive: true });
        copyFileSync(path, copy);
        truth.files++;
        truth.trapRows += n;
      }
    }
    if (kind === 'plain') sessions.push(session);
    s++;
  }
  return truth;
}

if (process.argv[1] && /gen-codex-logs\.[mc]?[jt]s$/.test(process.argv[1])) {
  const [out, n, seed] = process.argv.slice(2);
  if (!out || !n) {
    console.error('usage: node --import tsx bench/gen-codex-logs.ts OUT RECORDS [SEED]');
    process.exit(2);
  }
  console.log(JSON.stringify(writeCodexFolder(out, Number(n), seed ? Number(seed) : 1)));
}
