/**
 * Claude Code's usage lines are read straight from JSON.parse's value when every field is of the usual
 * kind, and through the JSON kit's typed reads otherwise. Both must give the same rows, errors included
 * (field, message), for the sample's lines and for lines whose fields are missing, of the wrong kind,
 * negative, spelled as decimals or exponents, or beside a number only the exact reader keeps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeCodeLineRows } from '../../electron/engine/importers/anthropic/claude-code-jsonl';
import type { ParsedRow } from '../../electron/engine/importers/types';
import { seeded } from '../../shared/domain/random';

const SAMPLE = readFileSync(join(__dirname, '../fixtures/exports/claude-code-session.jsonl'), 'utf8').trimEnd().split('\n');

/** What a field may be replaced with (as JSON text): absent, null, the usual, and every unusual kind. */
const VARIANTS = ['@absent', 'null', '0', '-0', '7', '-3', '2.5', '1e3', '12.0', '"15"', '"x"', '""', 'true', '[]', '{}', '123456789012345678901', '"2025-09-01T08:14:07.530Z"', '"2025-13-45"', '"assistant"', '"<synthetic>"'];
const FIELDS = [
  ['type'],
  ['message', 'usage'],
  ['message', 'id'],
  ['requestId'],
  ['timestamp'],
  ['cwd'],
  ['sessionId'],
  ['gitBranch'],
  ['version'],
  ['isSidechain'],
  ['message', 'model'],
  ['message', 'usage', 'input_tokens'],
  ['message', 'usage', 'output_tokens'],
  ['message', 'usage', 'cache_read_input_tokens'],
  ['message', 'usage', 'cache_creation_input_tokens'],
  ['message', 'usage', 'service_tier'],
  ['message', 'usage', 'cache_creation'],
  ['message', 'usage', 'cache_creation', 'ephemeral_1h_input_tokens'],
  ['message', 'usage', 'cache_creation', 'ephemeral_5m_input_tokens'],
  ['message', 'usage', 'server_tool_use'],
  ['message', 'usage', 'server_tool_use', 'web_search_requests'],
  ['costUSD'],
];

/** `text` (a JSON object) with the field at `path` set to `json` (or removed); null when a parent is not an object. */
function withField(text: string, path: string[], json: string): string | null {
  const root = JSON.parse(text) as Record<string, unknown>;
  let o = root;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  const marker = '"@@value@@"';
  if (json === '@absent') delete o[last];
  else o[last] = '@@value@@';
  return JSON.stringify(root).replace(marker, json);
}

function rows(text: string, quick: boolean): ParsedRow[] {
  const out: ParsedRow[] = [];
  claudeCodeLineRows(text, 9, out, quick);
  return out;
}

describe("Claude Code's quick read of a usage line", () => {
  it('gives the rows of the typed reads for every line of the sample', () => {
    const kinds = new Set<string>();
    for (const line of SAMPLE) {
      const quick = rows(line, true);
      expect(quick).toEqual(rows(line, false));
      kinds.add(quick[0]!.kind);
    }
    expect([...kinds].sort()).toEqual(['fact', 'skip']);
  });

  it('gives the rows of the typed reads whatever one or two fields hold', () => {
    const usageLines = SAMPLE.filter((l) => l.includes('"usage"') && !l.includes('<synthetic>'));
    const r = seeded(11);
    const seen = { fact: 0, error: 0, skip: 0 };
    for (const base of usageLines) {
      for (const path of FIELDS) {
        for (const v of VARIANTS) {
          let text = withField(base, path, v);
          // Half the time a second field changes too, or a decimal elsewhere sends the line to the exact reader.
          const other = r();
          if (text && other < 0.3) text = withField(text, FIELDS[Math.floor(r() * FIELDS.length)]!, VARIANTS[Math.floor(r() * VARIANTS.length)]!);
          else if (text && other < 0.5) text = withField(text, ['durationMs'], '0.25');
          if (!text) continue;
          const quick = rows(text, true);
          expect(quick, text).toEqual(rows(text, false));
          seen[quick[0]!.kind]++;
        }
      }
    }
    // The variants reach every outcome: facts, errors naming a field, and lines that are no usage.
    expect(seen.fact).toBeGreaterThan(100);
    expect(seen.error).toBeGreaterThan(100);
    expect(seen.skip).toBeGreaterThan(10);
  });

  it('names the line and field of a broken or non-object line as before', () => {
    expect(rows('{"type": "assistant", "message": ', true)).toEqual(rows('{"type": "assistant", "message": ', false));
    expect(rows('[1,2]', true)).toEqual(rows('[1,2]', false));
    expect(rows('12345678901234567890', true)).toEqual(rows('12345678901234567890', false));
    expect(rows('{"a":"\t"}', true)).toEqual(rows('{"a":"\t"}', false));
    expect(rows('{"type": "assistant", "message": ', true)[0]).toMatchObject({ kind: 'error', line: 9, field: 'message' });
  });
});
