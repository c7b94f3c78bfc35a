/**
 * `tokenledger team ...` and `tokenledger bundle ...` through runCli with captured io, on two real ledger
 * files: name the member, export, merge, merge again, list, undo.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { ReportTotals } from '../../shared/contract/types';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

async function cli(db: string, ...args: string[]) {
  const io = captureIo();
  const code = await runCli([...args, '--db', db], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/exports', name);
const totals = async (db: string) => (JSON.parse((await cli(db, 'report', '--json')).out) as ReportTotals).totals;

describe('tokenledger bundle', () => {
  it('exports, merges once, lists the merge with its member and undoes it', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    expect((await cli(a, 'import', fixture('anthropic-usage-report.json'))).code).toBe(0);
    expect((await cli(b, 'import', fixture('openai-usage-completions.json'))).code).toBe(0);
    const member = await cli(b, 'team', 'member', 'Bo', 'Li');
    expect(member.out).toMatch(/^member +Bo Li$/m);
    const before = await totals(a);

    const exp = await cli(b, 'bundle', 'export', '--out', join(dir, 'b.tlbundle'));
    expect(exp.code).toBe(0);
    expect(exp.out).toMatch(/^Wrote .*b\.tlbundle: 8 facts of 1 imports \(bundle #1 of machine [0-9a-f-]{36}, [\d,]+ bytes\)$/);

    const merged = await cli(a, 'bundle', 'import', join(dir, 'b.tlbundle'));
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/^b\.tlbundle from Bo Li #1: merged \(bundle 1\): 8 new, 0 already here, 0 revised, 0 retracted$/m);
    const again = await cli(a, 'bundle', 'import', join(dir, 'b.tlbundle'));
    expect(again.out).toMatch(/^b\.tlbundle from Bo Li #1: already merged: nothing added$/m);
    expect((await totals(a)).requests).toBe(before.requests + (await totals(b)).requests);

    const list = await cli(a, 'bundle', 'list');
    expect(list.out).toMatch(/^1 +Bo Li +[0-9a-f]{8} +1 +\S+ +\S+ +committed +8 +0 +0 +0$/m);
    const undo = await cli(a, 'bundle', 'undo', '1');
    expect(undo.out).toMatch(/^Undid bundle 1: 8 facts removed, 0 restored$/m);
    expect(await totals(a)).toEqual(before);
  });

  it('says that the demo data is left out of a bundle, and how much of it', async () => {
    const dir = tempDir();
    const db = join(dir, 'l.sqlite');
    expect((await cli(db, 'demo')).code).toBe(0);
    const demoFacts = (JSON.parse((await cli(db, 'report', '--json')).out) as ReportTotals).factCount;
    expect(demoFacts).toBeGreaterThan(0);
    const exp = await cli(db, 'bundle', 'export', '--out', join(dir, 'demo.tlbundle'));
    expect(exp.code).toBe(0);
    expect(exp.out.split('\n')).toEqual([
      expect.stringMatching(/^Wrote .*demo\.tlbundle: 0 facts of 0 imports \(bundle #1 of machine [0-9a-f-]{36}, [\d,]+ bytes\)$/),
      `The demo data (${demoFacts.toLocaleString('en-US')} facts) is never exported: a bundle carries only what you imported.`,
    ]);
    const json = JSON.parse((await cli(db, 'bundle', 'export', '--out', join(dir, 'again.tlbundle'), '--json')).out) as { facts: number; demoFactsLeftOut: number };
    expect(json).toMatchObject({ facts: 0, demoFactsLeftOut: demoFacts });
  });

  it('says what a subcommand needs', async () => {
    const db = join(tempDir(), 'l.sqlite');
    const r = await cli(db, 'bundle', 'export');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('bundle export needs --out FILE');
    expect((await cli(db, 'team', 'folder')).err).toContain('team takes: show, member NAME, machine NAME, folder set DIR, folder clear, sync, machines');
  });
});

describe('a damaged bundle in Chinese', () => {
  it('names the file, the line and the field with a Chinese reason; --json keeps zod’s English and adds the said', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    expect((await cli(b, 'import', fixture('openai-usage-completions.json'))).code).toBe(0);
    const path = join(dir, 'b.tlbundle');
    expect((await cli(b, 'bundle', 'export', '--out', path)).code).toBe(0);
    const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
    expect(lines[2]).toMatch(/"input":\d+/);
    lines[2] = lines[2]!.replace(/"input":\d+/, '"input":-5');
    writeFileSync(path, gzipSync(lines.join('\n')));

    const io = captureIo();
    expect(await runCli(['bundle', 'import', path, '--db', a], io, { TOKENLEDGER_LANG: 'zh-CN' })).toBe(8);
    expect(io.stderr.join('\n')).toBe('错误：b.tlbundle 第 3 行，row.input：不能小于 0');

    const json = captureIo();
    await runCli(['bundle', 'import', path, '--db', a, '--json'], json, { TOKENLEDGER_LANG: 'zh-CN' });
    const { error } = JSON.parse(json.stdout.join('')) as { error: { message: string; said: unknown } };
    expect(error.message).toBe('b.tlbundle line 3, row.input: Too small: expected number to be >=0');
    expect(error.said).toEqual({
      id: 'engine.error.bundle.badLine',
      values: { file: 'b.tlbundle', line: 3, issue: { id: 'engine.error.input.issue', values: { path: 'row.input', reason: { id: 'engine.error.input.atLeast', values: { n: 0 } } } } },
    });
  });
});
