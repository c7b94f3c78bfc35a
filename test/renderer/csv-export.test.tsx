/**
 * Explore's "Export CSV" with names that came from an imported file: a project, key or member named
 * like a formula is written as text (a leading '), never as a formula a spreadsheet would run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreCsv } from '../../renderer/src/features/explore/explore-export';
import { csvCell } from '../../renderer/src/ui/files';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const HEADER =
  'generation_id,created_at,cost_total,cost_web_search,cost_cache,cost_file_processing,byok_usage_inference,tokens_prompt,tokens_completion,tokens_reasoning,tokens_cached,model_permaslug,provider_name,variant,cancelled,streamed,user,finish_reason_raw,finish_reason_normalized,generation_time_ms,time_to_first_token_ms,api_key_disabled,api_key_name,app_name';

function row(id: string, app: string, user: string): string {
  const cells: Record<string, string> = {
    generation_id: `gen-1756714443-${id.padEnd(20, 'A')}`,
    created_at: '2025-09-01 08:14:03.221',
    cost_total: '0.01',
    tokens_prompt: '100',
    tokens_completion: '20',
    tokens_reasoning: '0',
    tokens_cached: '0',
    model_permaslug: 'openai/gpt-4.1',
    provider_name: 'OpenAI',
    user,
    app_name: app,
  };
  return HEADER.split(',')
    .map((h) => cells[h] ?? '')
    .join(',');
}

/** RFC 4180 fields of one line (no line breaks inside cells here). */
function fields(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)) out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
  return out;
}

describe("Explore's CSV export", () => {
  it('writes formula-like names as text and numbers as numbers', async () => {
    const { client } = testEngine();
    const file = join(tempDir(), 'openrouter.csv');
    const hostile = ["=cmd|' /c calc'!a0", '@SUM(1,2)', '+1+1', '-2+3'];
    const lines = hostile.map((name, i) => row(`H${i}`, name.includes(',') ? `"${name}"` : name, 'alice'));
    writeFileSync(file, [HEADER, ...lines, row('PLAIN', 'plain-app', '-7')].join('\n') + '\n');
    await client.call('imports.commit', { paths: [file] });
    const r = await client.call('report.explore', { from: '2025-09-01', to: '2025-09-01', groupBy: ['project', 'member'], bucket: 'none' });
    expect(r.rows.map((g) => g.keys[0]).sort()).toEqual([...hostile, 'plain-app'].sort());

    const csv = exploreCsv(r).trim().split('\r\n').map(fields);
    const projects = csv.slice(1, -1).map((f) => f[0]);
    expect(projects.sort()).toEqual(["'+1+1", "'-2+3", "'=cmd|' /c calc'!a0", "'@SUM(1,2)", 'plain-app'].sort());
    // No cell of the file starts a formula; the member "-7" is a plain number and stays one.
    for (const f of csv) for (const cell of f) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
    const member = csv[0]!.indexOf('member');
    expect(member).toBeGreaterThan(0);
    expect(csv.find((f) => f[0] === 'plain-app')![member]).toBe('-7');
  });

  it('neutralises a leading tab or carriage return too (the importers trim them, other text may not)', () => {
    expect(csvCell('\t=1+1')).toBe('"\'\t=1+1"');
    expect(csvCell('\r=1+1')).toBe('"\'\r=1+1"');
    expect(csvCell('-0.25')).toBe('-0.25');
    expect(csvCell(-3)).toBe('-3');
  });
});
