/**
 * opencode (and its fork Kilo CLI): ${OPENCODE_DATA_DIR:-~/.local/share/opencode}/opencode.db (SQLite since
 * opencode 1.1.53; Kilo CLI: ~/.local/share/kilo/kilo.db), and the older JSON store beside it,
 * storage/message/<sessionID>/<messageID>.json with storage/part/<messageID>/<partID>.json.
 *
 * An assistant message runs one model call per step and writes one `step-finish` part per call, with that
 * call's tokens and cost. opencode OVERWRITES the message's own `tokens` with each step's (so they hold
 * the last step only) while its `cost` accumulates; newer versions leave both at 0. So: a message with
 * step-finish parts is one fact per part (identity = part id), never plus the message's tokens; a message
 * without any is one fact from its own tokens and cost (identity = message id); an aborted message with
 * nothing spent is not a call. The database wins over the JSON store: a JSON message that the database
 * beside it also holds is skipped, and JSON-only messages still count.
 *
 * Tokens: opencode's `input` already excludes cache reads and writes; `reasoning` is inside `output`.
 * `cost` is opencode's own USD figure from models.dev (0 for subscription or custom providers): recorded.
 * The database is read through a read-only helper (importers/kit/sqlite.ts) and never written.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { emptyTokens, type TokenCounts } from '../../../../shared/domain/fact';
import { openForeignDb } from '../kit/sqlite';
import { fact, FieldError, hasKey, identity, rowSaid } from '../kit/common';
import { isObject, JsonNum, parseJson, readJsonValues, type JsonObject, type JsonValue } from '../kit/json';
import type { FileHead, Identification, Importer, ParsedRow } from '../types';
import { count, folderName, idLike, recordedUsd, tagsOf } from './shared';

const DB_SIGNATURE = ['SQLite format 3', 'TABLE message', 'TABLE part', 'TABLE session'] as const;

function identifyDb(head: FileHead): Identification {
  // The schema (sqlite_master) is on the database's first page, inside the head.
  // Each table's pattern begins with CREATE TABLE: a head without it (every log) is not searched per table.
  const ddl = head.text.includes('CREATE TABLE');
  const missing = DB_SIGNATURE.filter((s, i) => (i === 0 ? !head.text.startsWith('SQLite format 3\u0000') : !ddl || !new RegExp(`CREATE TABLE\\W{0,2}${s.split(' ')[1]}\\W`).test(head.text)));
  if (missing.length === 0) return { match: true };
  return { match: false, score: head.text.startsWith('SQLite format 3') ? (DB_SIGNATURE.length - missing.length) / DB_SIGNATURE.length : 0, missing: [...missing] };
}

/** The tool a store belongs to, from its file name: Kilo CLI's kilo.db, else opencode. */
function toolOf(path: string | undefined): string {
  return path && /^kilo[\w.-]*\.db$/i.test(basename(path)) ? 'kilo-cli-log' : 'opencode-log';
}

/** A step's or a message's tokens as the ledger's classes. */
function tokensOf(t: JsonValue | undefined, path: string): TokenCounts {
  const out = emptyTokens();
  if (!isObject(t)) return out;
  const cache = isObject(t.cache) ? t.cache : ({} as JsonObject);
  const output = count(t, 'output', path) ?? 0;
  const reasoning = count(t, 'reasoning', path) ?? 0;
  out.input = count(t, 'input', path) ?? 0;
  out.cache_read = count(cache, 'read', `${path}.cache`) ?? 0;
  out.cache_write_5m = count(cache, 'write', `${path}.cache`) ?? 0;
  // Reasoning is inside output; a record whose reasoning is larger cannot hold it inside: it is beside.
  out.output = reasoning > output ? output + reasoning : output;
  out.reasoning = reasoning;
  return out;
}

const spent = (t: TokenCounts, cost: { nano: bigint } | null) => t.input + t.cache_read + t.cache_write_5m + t.output > 0 || (cost !== null && cost.nano > 0n);

interface CallInfo {
  key: string;
  at: number;
  tool: string;
  model: string | null;
  provider: string | null;
  cwd: string | null;
  sessionId: string | null;
  subagent: boolean;
  tokens: TokenCounts;
  cost: { nano: bigint; currency: 'USD' } | null;
}

function callFact(c: CallInfo, line: number): ParsedRow {
  return {
    kind: 'fact',
    line,
    fact: fact({
      identity: identity('opencode', c.key),
      start: c.at,
      end: c.at + 1,
      granularity: 'request',
      provider: c.tool,
      lineType: 'usage',
      project: folderName(c.cwd),
      modelRaw: c.model,
      host: c.provider,
      tags: tagsOf({ sessionId: c.sessionId, subagent: c.subagent ? 'true' : null }),
      tokens: c.tokens,
      requests: 1,
      recorded: c.cost,
    }),
  };
}

const asText = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const asMs = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : null);

interface StepRow {
  id: string;
  message_id: string;
  session_id: string;
  at: number | bigint | null;
  part: string;
  model: string | null;
  provider: string | null;
  cwd: string | null;
  created: number | null;
}

interface MessageRow {
  id: string;
  session_id: string;
  at: number | bigint | null;
  model: string | null;
  provider: string | null;
  cwd: string | null;
  tokens: string | null;
  cost: string | null;
  error: string | null;
  completed: number | null;
}

export const opencodeDb: Importer = {
  id: 'opencode-db',
  label: 'opencode / Kilo CLI database (opencode.db)',
  provider: 'opencode-log',
  signature: DB_SIGNATURE,
  grain: 'request',
  alwaysRead: true,
  identify: identifyDb,
  // The rows come from the database file itself (ctx.path), not from the text source.
  async *parse(_source, ctx): AsyncIterable<ParsedRow> {
    if (!ctx.path) {
      yield { kind: 'error', line: 1, field: '(file)', said: rowSaid('engine.row.opencode.needsFile') };
      return;
    }
    const tool = toolOf(ctx.path);
    const db = openForeignDb(ctx.path);
    try {
      const tables = db.tables();
      for (const t of ['session', 'message', 'part']) {
        if (!tables.has(t)) {
          yield { kind: 'error', line: 1, field: '(file)', said: rowSaid('engine.row.opencode.noTable', { table: t }) };
          return;
        }
      }
      const sessions = new Map<string, { dir: string | null; parent: boolean }>();
      for (const s of db.iterate<{ id: string; directory: string | null; parent_id: string | null }>('SELECT id, directory, parent_id FROM session')) {
        sessions.set(s.id, { dir: s.directory, parent: s.parent_id !== null && s.parent_id !== '' });
      }
      let line = 0;
      const steps = db.iterate<StepRow>(
        `SELECT p.id, p.message_id, p.session_id, p.time_created AS at, p.data AS part,
                m.data ->> '$.modelID' AS model, m.data ->> '$.providerID' AS provider, m.data ->> '$.path.cwd' AS cwd,
                m.data ->> '$.time.created' AS created
           FROM part p JOIN message m ON m.id = p.message_id
          WHERE p.data ->> '$.type' = 'step-finish'
          ORDER BY p.time_created, p.id`,
      );
      for (const r of steps) {
        line++;
        if (ctx.signal?.aborted) return;
        const s = sessions.get(r.session_id);
        yield guarded(line, () => {
          const part = parseJson(r.part);
          if (!isObject(part)) throw new FieldError(`part ${r.id}`, 'engine.row.opencode.partNotObject', { id: r.id });
          const tokens = tokensOf(part.tokens, `part ${r.id}.tokens`);
          const cost = recordedUsd(part.cost, `part ${r.id}.cost`);
          const at = asMs(r.at) ?? asMs(r.created);
          if (at === null) throw new FieldError(`part ${r.id}.time_created`, 'engine.row.opencode.partNoTime', { id: r.id });
          return callFact({ key: r.id, at, tool, model: asText(r.model), provider: idLike(r.provider ?? undefined), cwd: asText(r.cwd) ?? s?.dir ?? null, sessionId: r.session_id, subagent: s?.parent ?? false, tokens, cost }, line);
        });
      }
      const messages = db.iterate<MessageRow>(
        `SELECT m.id, m.session_id, m.time_created AS at,
                m.data ->> '$.modelID' AS model, m.data ->> '$.providerID' AS provider, m.data ->> '$.path.cwd' AS cwd,
                m.data -> '$.tokens' AS tokens, m.data -> '$.cost' AS cost, m.data ->> '$.error.name' AS error,
                m.data ->> '$.time.completed' AS completed
           FROM message m
          WHERE m.data ->> '$.role' = 'assistant'
            AND NOT EXISTS (SELECT 1 FROM part p WHERE p.message_id = m.id AND p.data ->> '$.type' = 'step-finish')
          ORDER BY m.time_created, m.id`,
      );
      for (const r of messages) {
        line++;
        if (ctx.signal?.aborted) return;
        const s = sessions.get(r.session_id);
        yield guarded(line, () => {
          const tokens = tokensOf(r.tokens ? parseJson(r.tokens) : undefined, `message ${r.id}.tokens`);
          const cost = recordedUsd(r.cost ? parseJson(r.cost) : undefined, `message ${r.id}.cost`);
          if (!spent(tokens, cost)) return { kind: 'skip', line, reason: r.error ? `${r.error} before any step finished (no call)` : 'assistant message without usage' };
          const at = asMs(r.completed) ?? asMs(r.at);
          if (at === null) throw new FieldError(`message ${r.id}.time_created`, 'engine.row.opencode.messageNoTime', { id: r.id });
          return callFact({ key: r.id, at, tool, model: asText(r.model), provider: idLike(r.provider ?? undefined), cwd: asText(r.cwd) ?? s?.dir ?? null, sessionId: r.session_id, subagent: s?.parent ?? false, tokens, cost }, line);
        });
      }
    } finally {
      db.close();
    }
  },
};

function guarded(line: number, fn: () => ParsedRow): ParsedRow {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FieldError) return { kind: 'error', line, field: e.field, said: e.said };
    throw e;
  }
}

// ---- the JSON store (before opencode 1.1.53) ------------------------------------------------------

const JSON_ID = /"id"\s*:\s*"(msg|prt|ses)_/;

function identifyJson(head: FileHead): Identification {
  const text = head.text.trimStart();
  if (!text.startsWith('{') || head.csvHeader) return { match: false, score: 0, missing: ['"id": "msg_..."', 'sessionID'] };
  const kind = JSON_ID.exec(text)?.[1];
  const owner = hasKey(head, 'sessionID') || hasKey(head, 'messageID') || hasKey(head, 'projectID');
  if (kind && owner) return { match: true };
  return { match: false, score: (kind ? 0.5 : 0) + (owner ? 0.4 : 0), missing: [...(kind ? [] : ['"id": "msg_..."']), ...(owner ? [] : ['sessionID'])] };
}

/** Message ids held by the database(s) beside a JSON store, per database file (cached while unchanged). */
const dbMessageIds = new Map<string, { stamp: string; ids: Set<string> }>();

async function messagesInDatabases(root: string): Promise<Set<string>[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const out: Set<string>[] = [];
  for (const name of names) {
    if (!/^(?:opencode(?:-[\w.-]+)?|kilo)\.db$/i.test(name)) continue;
    const path = join(root, name);
    const st = await stat(path);
    const stamp = `${st.size}:${st.mtimeMs}`;
    let hit = dbMessageIds.get(path);
    if (!hit || hit.stamp !== stamp) {
      const db = openForeignDb(path);
      try {
        hit = { stamp, ids: new Set(db.tables().has('message') ? (db.all<{ id: string }>('SELECT id FROM message').map((r) => r.id)) : []) };
      } finally {
        db.close();
      }
      dbMessageIds.set(path, hit);
    }
    out.push(hit.ids);
  }
  return out;
}

/** The step-finish parts of a message in the JSON store (storage/part/<messageID>/*.json). */
async function jsonSteps(root: string, messageId: string): Promise<JsonObject[]> {
  const dir = join(root, 'storage', 'part', messageId);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const out: JsonObject[] = [];
  for (const n of names) {
    const text = await readFile(join(dir, n), 'utf8');
    if (!text.includes('step-finish')) continue;
    const p = parseJson(text);
    if (isObject(p) && p.type === 'step-finish') out.push(p);
  }
  return out;
}

export const opencodeStorageJson: Importer = {
  id: 'opencode-storage-json',
  label: 'opencode JSON store (storage/message, storage/part)',
  provider: 'opencode-log',
  signature: ['id', 'sessionID', 'role'],
  grain: 'request',
  identify: identifyJson,
  async *parse(source, ctx): AsyncIterable<ParsedRow> {
    for await (const item of readJsonValues(source, ctx.signal)) {
      if (item.kind === 'error') {
        yield item;
        return;
      }
      const m = item.value;
      const line = item.line;
      if (!isObject(m) || typeof m.id !== 'string' || !m.id.startsWith('msg_')) {
        yield { kind: 'skip', line, reason: 'session or part (read with its message)' };
        return;
      }
      if (m.role !== 'assistant') {
        yield { kind: 'skip', line, reason: `${idLike(m.role) ?? 'untyped'} message (no usage)` };
        return;
      }
      const where = ctx.path ? /^(.*)[\\/]storage[\\/]message[\\/][^\\/]+[\\/][^\\/]+$/.exec(ctx.path) : null;
      const root = where ? where[1]! : null;
      if (root && (await messagesInDatabases(root)).some((ids) => ids.has(m.id as string))) {
        yield { kind: 'skip', line, reason: 'also in the opencode database beside it (the database wins)' };
        return;
      }
      const tool = root && /^kilo/i.test(basename(root)) ? 'kilo-cli-log' : 'opencode-log';
      const base = {
        tool,
        model: asText(m.modelID),
        provider: idLike(m.providerID),
        cwd: isObject(m.path) ? asText(m.path.cwd) : null,
        sessionId: idLike(m.sessionID),
        subagent: false,
      };
      const time = isObject(m.time) ? m.time : ({} as JsonObject);
      const at = time.completed instanceof JsonNum ? Number(time.completed.text) : time.created instanceof JsonNum ? Number(time.created.text) : null;
      const steps = root ? await jsonSteps(root, m.id) : [];
      if (at === null) {
        yield { kind: 'error', line, field: 'time.created', said: rowSaid('engine.row.messageNoTime') };
        return;
      }
      if (steps.length > 0) {
        for (const p of steps) {
          yield guarded(line, () =>
            callFact({ ...base, key: typeof p.id === 'string' ? p.id : `${m.id as string}#${steps.indexOf(p)}`, at, tokens: tokensOf(p.tokens, 'tokens'), cost: recordedUsd(p.cost, 'cost') }, line),
          );
        }
        return;
      }
      yield guarded(line, () => {
        const tokens = tokensOf(m.tokens, 'tokens');
        const cost = recordedUsd(m.cost, 'cost');
        if (!spent(tokens, cost)) return { kind: 'skip', line, reason: 'assistant message without usage' };
        return callFact({ ...base, key: m.id as string, at, tokens, cost }, line);
      });
      return;
    }
  },
};
