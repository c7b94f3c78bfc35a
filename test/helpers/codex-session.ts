/**
 * A Codex rollout file written as Codex writes it, a call at a time (session_meta and turn_context
 * first, then one token_count per model call with the running total), for the watcher's tests.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface CodexCall {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
}

export class CodexSessionFile {
  readonly path: string;
  private total: CodexCall = { input: 0, cached: 0, output: 0, reasoning: 0 };
  private at: number;

  /** Creates `<codexHome>/sessions/Y/M/D/rollout-...-<id>.jsonl` with its first two lines. */
  constructor(codexHome: string, start: number, id: string, model = 'gpt-5') {
    const d = new Date(start).toISOString();
    this.path = join(codexHome, 'sessions', d.slice(0, 4), d.slice(5, 7), d.slice(8, 10), `rollout-${d.slice(0, 19).replace(/:/g, '-')}-${id}.jsonl`);
    this.at = start;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(
      this.path,
      `{"timestamp":"${d}","type":"session_meta","payload":{"id":"${id}","timestamp":"${d}","cwd":"/home/dev/acme-api","originator":"codex_cli_rs","cli_version":"0.36.0"}}\n` +
        `{"timestamp":"${d}","type":"turn_context","payload":{"cwd":"/home/dev/acme-api","model":"${model}"}}\n`,
    );
  }

  /** Appends one model call (and, as Codex does, a re-emit of the same total that must not count). */
  append(call: CodexCall): void {
    this.at += 60_000;
    const t = this.total;
    this.total = { input: t.input + call.input, cached: t.cached + call.cached, output: t.output + call.output, reasoning: t.reasoning + call.reasoning };
    const u = (c: CodexCall) =>
      `{"input_tokens":${c.input},"cached_input_tokens":${c.cached},"output_tokens":${c.output},"reasoning_output_tokens":${c.reasoning},"total_tokens":${c.input + c.output}}`;
    const line = (at: number) =>
      `{"timestamp":"${new Date(at).toISOString()}","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":${u(this.total)},"last_token_usage":${u(call)},"model_context_window":272000}}}\n`;
    appendFileSync(this.path, line(this.at) + line(this.at + 500));
  }
}
