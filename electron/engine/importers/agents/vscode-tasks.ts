/**
 * Cline, Roo Code and Kilo Code (VS Code extensions, also in Cursor, Windsurf, VSCodium...): one folder per
 * task, <user data>/User/globalStorage/<extension id>/tasks/<taskId>/ with ui_messages.json (the rows that
 * count), api_conversation_history.json and task_metadata.json (where the model names are).
 *
 * Each model request is one `say: "api_req_started"` row of ui_messages.json whose `text` is a JSON STRING
 * {tokensIn, tokensOut, cacheWrites, cacheReads, cost, apiProtocol?, cancelReason?}, written first as a
 * placeholder and filled in when the stream ends (the file is rewritten whole: identity = extension +
 * task + the row's ts, so a later read revises the row). Counted: rows with usage, cancelled ones included
 * (the request was billed; the extension's own task total includes it). Not counted: placeholders,
 * partial rows, failed requests (`ask: "api_req_failed"`, no usage). Cline's `deleted_api_reqs` row keeps
 * the summed usage of rows a checkpoint restore removed: counted for tokens and cost, as 0 requests.
 *
 * What `tokensIn` means: Cline and Roo/Kilo before Roo 3.29.5 (2025-11-01) under the Anthropic protocol
 * wrote the uncached remainder (cache reads and writes beside it); Roo/Kilo under the OpenAI protocol, and
 * since then under both, the whole prompt (input = tokensIn - cacheReads - cacheWrites). A row that carries
 * no version is read by its protocol and date, and a tokensIn smaller than its cache counts is a remainder.
 * Output includes any reasoning (not reported). `cost` is the extension's own figure in USD: recorded.
 *
 * Model: Cline's task_metadata.json `model_usage` (last entry at or before the row), else the
 * `<model>...</model>` of the environment details in api_conversation_history.json's user turns (Roo/Kilo).
 * Those two files are claimed here and yield no facts of their own. Prompts, replies and the `request`
 * text are never kept.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fact, FieldError, hasKey, identity, rowSaid, tokens } from '../kit/common';
import { openTextSource } from '../kit/decode';
import { isObject, JsonNum, parseJson, readJsonValues, type JsonObject, type JsonValue } from '../kit/json';
import type { FileHead, Identification, Importer, ParsedRow } from '../types';
import { count, folderName, idLike, recordedUsd, tagsOf } from './shared';

const SIGNATURE = ['ts', 'type', 'say'] as const;
/** Roo Code 3.29.5 (released 2025-11-01) made tokensIn the whole prompt under the Anthropic protocol too. */
const ROO_WHOLE_PROMPT_SINCE = Date.UTC(2025, 10, 1);

const TOOLS: Record<string, string> = {
  'saoudrizwan.claude-dev': 'cline-log',
  'rooveterinaryinc.roo-cline': 'roo-code-log',
  'kilocode.kilo-code': 'kilo-code-log',
  'zoocodeorganization.zoo-code': 'zoo-code-log',
};

/** Which of a task folder's files this is, from its first bytes. */
function shapeOf(head: FileHead): 'ui' | 'history' | 'metadata' | null {
  const t = head.text.trimStart();
  if (t.startsWith('[')) {
    const first = /^\[\s*\{([^{}]*)/.exec(t)?.[1] ?? '';
    if (/"ts"\s*:/.test(first) && /"type"\s*:\s*"(?:say|ask)"/.test(first)) return 'ui';
    if (/^\s*"role"\s*:\s*"(?:user|assistant)"\s*,\s*"content"\s*:/.test(first)) return 'history';
    return null;
  }
  if (t.startsWith('{') && (hasKey(head, 'files_in_context') || hasKey(head, 'model_usage'))) return 'metadata';
  return null;
}

function identifyTasks(head: FileHead): Identification {
  if (head.csvHeader) return { match: false, score: 0, missing: [...SIGNATURE] };
  if (shapeOf(head)) return { match: true };
  const missing = SIGNATURE.filter((k) => !hasKey(head, k));
  const found = head.text.trimStart().startsWith('[') ? SIGNATURE.length - missing.length : 0;
  return { match: false, score: (found / SIGNATURE.length) * 0.9, missing };
}

interface TaskPlace {
  extension: string | null;
  taskId: string | null;
  dir: string | null;
}

function placeOf(path: string | undefined): TaskPlace {
  if (!path) return { extension: null, taskId: null, dir: null };
  const m = /globalStorage[\\/]([^\\/]+)[\\/]tasks[\\/]([^\\/]+)[\\/][^\\/]+$/i.exec(path);
  return { extension: m ? m[1]!.toLowerCase() : null, taskId: m ? m[2]! : null, dir: dirname(path) };
}

interface ModelAt {
  ts: number;
  model: string;
  provider: string | null;
}

/** Cline: task_metadata.json model_usage [{ts, model_id, model_provider_id}]. */
async function modelsFromMetadata(dir: string): Promise<ModelAt[]> {
  let text: string;
  try {
    text = await readFile(join(dir, 'task_metadata.json'), 'utf8');
  } catch {
    return [];
  }
  let doc: JsonValue;
  try {
    doc = parseJson(text);
  } catch {
    return [];
  }
  const usage = isObject(doc) && Array.isArray(doc.model_usage) ? doc.model_usage : [];
  const out: ModelAt[] = [];
  for (const u of usage) {
    if (!isObject(u) || typeof u.model_id !== 'string' || !u.model_id) continue;
    out.push({ ts: u.ts instanceof JsonNum ? Number(u.ts.text) : 0, model: u.model_id, provider: idLike(u.model_provider_id) });
  }
  return out.sort((a, b) => a.ts - b.ts);
}

const MODEL_TAG = /<model>([^<]{1,200})<\/model>/g;
const WORKSPACE = /# Current Workspace Directory \(([^)\n]{1,400})\)/;

/** Roo/Kilo: the `<model>` of each user turn's environment details, and the workspace folder. */
async function modelsFromHistory(dir: string, signal: AbortSignal | undefined): Promise<{ models: ModelAt[]; workspace: string | null }> {
  const path = join(dir, 'api_conversation_history.json');
  try {
    await stat(path);
  } catch {
    return { models: [], workspace: null };
  }
  const models: ModelAt[] = [];
  let workspace: string | null = null;
  for await (const item of readJsonValues(openTextSource(path, 'utf-8'), signal)) {
    if (item.kind === 'error') break;
    const m = item.value;
    if (!isObject(m) || m.role !== 'user' || !Array.isArray(m.content)) continue;
    const ts = m.ts instanceof JsonNum ? Number(m.ts.text) : 0;
    for (const part of m.content) {
      const text = isObject(part) && typeof part.text === 'string' ? part.text : typeof part === 'string' ? part : '';
      if (!text.includes('<model>') && !text.includes('Workspace Directory')) continue;
      for (const hit of text.matchAll(MODEL_TAG)) models.push({ ts, model: hit[1]!.trim(), provider: null });
      workspace ??= WORKSPACE.exec(text)?.[1] ?? null;
    }
  }
  return { models: models.sort((a, b) => a.ts - b.ts), workspace };
}

function modelAt(models: readonly ModelAt[], ts: number): ModelAt | null {
  let best: ModelAt | null = null;
  for (const m of models) {
    if (m.ts <= ts) best = m;
    else break;
  }
  return best ?? models[0] ?? null;
}

/** OpenAI-compatible Cline providers that pass prompt_tokens (cache inside) as tokensIn. */
const CLINE_PROMPT_INCLUSIVE = new Set(['openai', 'litellm']);

interface Usage {
  tokensIn: number;
  tokensOut: number;
  cacheWrites: number;
  cacheReads: number;
}

function uncachedInput(u: Usage, ts: number, tool: string, protocol: string | null, provider: string | null): number {
  const cache = u.cacheReads + u.cacheWrites;
  if (u.tokensIn < cache) return u.tokensIn; // necessarily the remainder
  let whole: boolean;
  if (tool === 'cline-log') whole = provider !== null && CLINE_PROMPT_INCLUSIVE.has(provider);
  else if (protocol === 'openai') whole = true;
  else if (protocol === 'anthropic') whole = ts >= ROO_WHOLE_PROMPT_SINCE;
  else whole = false;
  return whole ? u.tokensIn - cache : u.tokensIn;
}

export const vscodeAgentTasks: Importer = {
  id: 'vscode-agent-tasks',
  label: 'Cline / Roo Code / Kilo Code task (ui_messages.json)',
  provider: 'roo-code-log',
  signature: SIGNATURE,
  grain: 'request',
  identify: identifyTasks,
  async *parse(source, ctx): AsyncIterable<ParsedRow> {
    const place = placeOf(ctx.path ?? ctx.fileName);
    let first = true;
    let tool: string | null = place.extension ? (TOOLS[place.extension] ?? null) : null;
    let models: ModelAt[] | null = null;
    let workspace: string | null = null;
    let n = 0;
    for await (const item of readJsonValues(source, ctx.signal)) {
      if (item.kind === 'error') {
        yield item;
        return;
      }
      n++;
      const v = item.value;
      if (first) {
        first = false;
        // The first element tells the file: the rows, or one of the two files the model names come from.
        if (!(isObject(v) && 'ts' in v && ('say' in v || 'ask' in v))) {
          yield { kind: 'skip', line: item.line, reason: 'task history or metadata (read for model names with ui_messages.json)' };
          return;
        }
      }
      if (!isObject(v)) {
        yield { kind: 'error', line: item.line, field: `$[${n - 1}]`, said: rowSaid('engine.row.rowNotObject') };
        continue;
      }
      const say = typeof v.say === 'string' ? v.say : null;
      if (v.type !== 'say' || (say !== 'api_req_started' && say !== 'deleted_api_reqs')) {
        yield { kind: 'skip', line: item.line, reason: 'row without usage' };
        continue;
      }
      if (v.partial === true) {
        yield { kind: 'skip', line: item.line, reason: 'partial row (still streaming)' };
        continue;
      }
      if (tool === null) tool = 'conversationHistoryIndex' in v ? 'cline-log' : 'roo-code-log';
      if (models === null) {
        models = [];
        if (place.dir) {
          models = await modelsFromMetadata(place.dir);
          const h = await modelsFromHistory(place.dir, ctx.signal);
          if (models.length === 0) models = h.models;
          workspace = h.workspace;
        }
      }
      yield rowFact(v, item.line, n - 1, { tool, place, models, workspace, deleted: say === 'deleted_api_reqs' });
    }
  },
};

function rowFact(
  v: JsonObject,
  line: number,
  index: number,
  c: { tool: string; place: TaskPlace; models: readonly ModelAt[]; workspace: string | null; deleted: boolean },
): ParsedRow {
  const at = `$[${index}]`;
  try {
    if (!(v.ts instanceof JsonNum) || !/^\d{10,16}$/.test(v.ts.text)) throw new FieldError(`${at}.ts`, 'engine.row.notMillis', { field: `${at}.ts` });
    const ts = Number(v.ts.text);
    if (typeof v.text !== 'string' || v.text.trim() === '') return { kind: 'skip', line, reason: 'request row without usage (placeholder)' };
    let body: JsonValue;
    try {
      body = parseJson(v.text);
    } catch {
      throw new FieldError(`${at}.text`, 'engine.row.vscode.notRequestJson', { field: `${at}.text` });
    }
    if (!isObject(body)) throw new FieldError(`${at}.text`, 'engine.row.notJsonObject', { field: `${at}.text` });
    const p = `${at}.text`;
    const u: Usage = {
      tokensIn: count(body, 'tokensIn', p) ?? 0,
      tokensOut: count(body, 'tokensOut', p) ?? 0,
      cacheWrites: count(body, 'cacheWrites', p) ?? 0,
      cacheReads: count(body, 'cacheReads', p) ?? 0,
    };
    const recorded = recordedUsd(body.cost, `${p}.cost`);
    if (u.tokensIn + u.tokensOut + u.cacheWrites + u.cacheReads === 0 && (recorded === null || recorded.nano === 0n)) {
      return { kind: 'skip', line, reason: body.cancelReason ? 'cancelled request without usage' : 'request row without usage (placeholder or failed)' };
    }
    const protocol = idLike(body.apiProtocol);
    const model = modelAt(c.models, ts);
    const cancel = idLike(body.cancelReason);
    return {
      kind: 'fact',
      line,
      fact: fact({
        identity: c.deleted ? identity('vscode-task', c.place.extension, c.place.taskId, ts, 'deleted') : identity('vscode-task', c.place.extension, c.place.taskId, ts),
        start: ts,
        end: ts + 1,
        granularity: 'request',
        provider: c.tool,
        lineType: 'usage',
        project: folderName(c.workspace),
        modelRaw: model?.model ?? null,
        host: model?.provider ?? null,
        tags: tagsOf({ taskId: c.place.taskId, apiProtocol: protocol, cancelReason: cancel, deletedRequests: c.deleted ? 'true' : null }),
        tokens: tokens({ input: uncachedInput(u, ts, c.tool, protocol, model?.provider ?? null), cache_read: u.cacheReads, cache_write_5m: u.cacheWrites, output: u.tokensOut }),
        requests: c.deleted ? 0 : 1,
        recorded,
      }),
    };
  } catch (e) {
    if (e instanceof FieldError) return { kind: 'error', line, field: e.field, said: e.said };
    throw e;
  }
}
