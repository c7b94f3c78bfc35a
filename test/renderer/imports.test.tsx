/**
 * The Imports screen in jsdom, through the real contract on a real engine (a SQLite file in a temp
 * folder): drop a sample, read its preview, commit, find the batch in the history, undo it; a refused
 * file; bad rows skipped by choice; File > Import... paths with progress and cancel.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { useApp } from '../../renderer/src/client/store';
import { ApiError } from '../../shared/contract/errors';
import { formatNano, parseDecimalToNano } from '../../shared/domain/money';
import { importers } from '../../electron/engine/importers/registry';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected-totals.json'), 'utf8')) as Record<
  string,
  { input_uncached: number; cache_read: number; cache_write: number; output: number; reasoning_subset_of_output: number; requests: number; cost: string; currency: string | null; rows: number }
>;

function fixtureFile(name: string, content?: string): File {
  return new File([content ?? readFileSync(join(FIXTURES, 'exports', name))], name, { type: 'text/plain' });
}

/** A drop of files on the window, as the browser delivers it (jsdom has no DataTransfer). */
function dropOnWindow(files: File[]): void {
  const ev = new Event('drop', { bubbles: true, cancelable: true });
  Object.defineProperty(ev, 'dataTransfer', { value: { files, items: [], types: ['Files'], dropEffect: 'none' } });
  act(() => {
    window.dispatchEvent(ev);
  });
}

const n = (x: number) => x.toLocaleString('en-US');

function cell(row: HTMLElement, cls: string): string {
  return row.querySelector(`[data-class="${cls}"]`)!.textContent!;
}

describe('the Imports screen', () => {
  it('says which exports it reads when nothing was imported yet', async () => {
    const { client } = testEngine();
    window.location.hash = '#/imports';
    render(<App client={client} />);
    const formats = await screen.findByTestId('import-formats');
    const all = await client.call('imports.formats', {});
    expect(all.length).toBe(importers.length);
    for (const f of all) expect(formats.textContent).toContain(f.label);
    expect(within(formats).getAllByRole('listitem').map((li) => li.textContent)).toEqual(all.map((f) => f.label));
    expect(within(formats).getByText('OpenRouter activity CSV')).toBeTruthy();
    expect(screen.getByText(/No imports yet/)).toBeTruthy();
  });

  it('previews a dropped OpenRouter export with its exact totals, commits it, lists the batch and undoes it', async () => {
    const { client } = testEngine();
    render(<App client={client} />);
    await screen.findByRole('heading', { name: 'Your ledger is empty' });

    // A drop anywhere on the window opens the Imports screen with the preview.
    dropOnWindow([fixtureFile('openrouter-activity.csv')]);
    const preview = await screen.findByTestId('import-preview', {}, { timeout: 10_000 });
    expect(window.location.hash).toBe('#/imports');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Imports');

    const e = expected['openrouter-activity.csv']!;
    // 15 generations, one of which also bills a web search: its own fee line.
    const facts = e.rows + 1;
    const file = within(preview).getByTestId('import-file');
    expect(within(file).getByRole('heading', { name: 'openrouter-activity.csv' })).toBeTruthy();
    expect(within(file).getByTestId('import-format').textContent).toBe('OpenRouter activity CSV');
    const counts = within(file).getByTestId('import-file-counts');
    expect(counts.querySelector('[data-count="new"]')!.textContent).toBe(n(facts));
    expect(counts.querySelector('[data-count="duplicate"]')!.textContent).toBe('0');
    expect(counts.querySelector('[data-count="error"]')!.textContent).toBe('0');
    const total = within(file).getByTestId('file-total');
    expect(cell(total, 'input')).toBe(n(e.input_uncached));
    expect(cell(total, 'cache_read')).toBe(n(e.cache_read));
    expect(cell(total, 'cache_write')).toBe(n(e.cache_write));
    expect(cell(total, 'output')).toBe(n(e.output));
    expect(cell(total, 'reasoning')).toBe(n(e.reasoning_subset_of_output));
    expect(cell(total, 'requests')).toBe(n(e.requests));
    // The sample's per-row costs have 7 decimals (sum 0.54606508); expected-totals.json states 6.
    const billed = total.querySelector('[data-currency="USD"]')!.getAttribute('data-amount')!;
    expect(formatNano(parseDecimalToNano(billed), 6)).toBe(e.cost);
    expect(total.querySelector('[data-currency="USD"]')!.textContent).toBe('$0.546065');
    // Nothing is written by a preview.
    expect((await client.call('report.totals', {})).factCount).toBe(0);

    fireEvent.click(within(preview).getByRole('button', { name: 'Commit' }));
    const done = await screen.findByTestId('import-committed', {}, { timeout: 10_000 });
    expect(done.textContent).toContain(`Imported ${facts} new rows from 1 file as batch 1.`);
    const report = await client.call('report.totals', {});
    expect(report.totals.tokens.input).toBe(e.input_uncached);
    expect(report.totals.billed).toEqual({ USD: billed });

    const row = await waitFor(() => {
      const r = within(screen.getByTestId('import-history')).getAllByTestId('import-batch');
      expect(r).toHaveLength(1);
      return r[0]!;
    }, { timeout: 10_000 });
    expect(within(row).getByRole('rowheader').textContent).toBe('openrouter-activity.csv');
    expect(row.textContent).toContain('OpenRouter activity CSV');
    expect(row.querySelector('[data-count="new"]')!.textContent).toBe(String(facts));
    expect(row.getAttribute('data-status')).toBe('committed');

    // Undo asks first; "Keep it" changes nothing.
    fireEvent.click(within(row).getByRole('button', { name: 'Undo batch 1 (openrouter-activity.csv)' }));
    const ask = screen.getByRole('alertdialog', { name: 'Undo batch 1 (openrouter-activity.csv)?' });
    expect(ask.textContent).toContain(`Its ${facts} new rows leave the ledger.`);
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Undo batch 1' }));
    fireEvent.click(within(ask).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((await client.call('report.totals', {})).factCount).toBe(facts);

    fireEvent.click(within(row).getByRole('button', { name: 'Undo batch 1 (openrouter-activity.csv)' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Undo batch 1' }));
    expect((await screen.findByTestId('import-notice', {}, { timeout: 10_000 })).textContent).toBe(`Batch 1 undone: ${facts} rows removed.`);
    await waitFor(() => expect(screen.getByTestId('import-history').querySelector('[data-batch="1"]')!.getAttribute('data-status')).toBe('undone'), { timeout: 10_000 });
    const after = await client.call('report.totals', {});
    expect(after.factCount).toBe(0);
    expect(after.totals.billed).toEqual({});
  });

  it('shows the engine’s refusal for a file it does not recognize, naming the closest format and what it lacks', async () => {
    const { client } = testEngine();
    window.location.hash = '#/imports';
    render(<App client={client} />);
    const csv = 'generation_id,created_at,model_permaslug,tokens_prompt\ngen-1,2025-09-01 08:00:00,openai/gpt-4o,12\n';
    let engineMessage = '';
    try {
      await client.call('imports.preview', { files: [{ name: 'mystery.csv', contentBase64: Buffer.from(csv).toString('base64') }] });
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).code).toBe('UNRECOGNIZED_FILE');
      engineMessage = (e as ApiError).message;
    }
    expect(engineMessage).toMatch(/^mystery\.csv: not a known export format\. Closest: OpenRouter activity CSV \(openrouter-activity-csv\), which needs .+/);

    const input = await screen.findByLabelText('Choose files…');
    fireEvent.change(input, { target: { files: [fixtureFile('mystery.csv', csv)] } });
    const alert = await screen.findByTestId('import-refused', {}, { timeout: 10_000 });
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Not imported: the file was refused. Nothing was written.');
    expect(within(alert).getByRole('listitem').textContent).toBe(engineMessage);
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect((await client.call('report.totals', {})).factCount).toBe(0);
  });

  it('lists rows that cannot be read with file, line and field, and imports the rest only when told to skip them', async () => {
    const { client } = testEngine();
    window.location.hash = '#/imports';
    render(<App client={client} />);
    const lines = readFileSync(join(FIXTURES, 'exports', 'openrouter-activity.csv'), 'utf8').split('\n');
    // Line 3 (the second data row): a negative prompt token count.
    lines[2] = lines[2]!.replace(',51004,', ',-51004,');
    const csv = lines.join('\n');
    fireEvent.change(await screen.findByLabelText('Choose files…'), { target: { files: [fixtureFile('activity-bad.csv', csv)] } });
    const preview = await screen.findByTestId('import-preview', {}, { timeout: 10_000 });
    const issues = within(preview).getByTestId('import-issues');
    expect(within(issues).getByText('1 row cannot be read')).toBeTruthy();
    const cells = within(issues).getAllByRole('row')[1]!.querySelectorAll('td');
    expect(cells[0]!.textContent).toBe('activity-bad.csv');
    expect(cells[1]!.textContent).toBe('3');
    expect(cells[2]!.textContent).toBe('tokens_prompt');
    const direct = await client.call('imports.preview', { files: [{ name: 'activity-bad.csv', contentBase64: Buffer.from(csv).toString('base64') }] });
    expect(cells[3]!.textContent).toBe(direct.files[0]!.issues[0]!.message);
    expect(cells[3]!.textContent).toContain('-51004');
    expect(within(preview).queryByRole('button', { name: 'Commit' })).toBeNull();

    fireEvent.click(within(preview).getByRole('button', { name: 'Skip 1 bad row and commit' }));
    // 14 good generations and the web search fee line of one of them.
    expect((await screen.findByTestId('import-committed', {}, { timeout: 10_000 })).textContent).toContain('Imported 15 new rows from 1 file as batch 1.');
    const report = await client.call('report.totals', {});
    expect(report.factCount).toBe(15);
    const batches = await client.call('imports.list', {});
    expect(batches[0]!.counts).toEqual({ new: 15, duplicate: 0, revised: 0, skipped: 0, error: 1 });
  });

  it('in Chinese: a bad row is said in Chinese, still naming file, line and field', async () => {
    const { client } = testEngine();
    await client.call('settings.update', { locale: 'zh-CN' });
    window.location.hash = '#/imports';
    render(<App client={client} />);
    const csv = readFileSync(join(FIXTURES, 'bad-input', 'openrouter-activity-bad-cell.csv'), 'utf8');
    fireEvent.change(await screen.findByLabelText('选择文件…', {}, { timeout: 20_000 }), { target: { files: [fixtureFile('activity.csv', csv)] } });
    const preview = await screen.findByTestId('import-preview', {}, { timeout: 10_000 });
    const cells = within(within(preview).getByTestId('import-issues')).getAllByRole('row')[1]!.querySelectorAll('td');
    expect([...cells].map((c) => c.textContent)).toEqual(['activity.csv', '3', 'tokens_prompt', 'tokens_prompt 不是整数："51O04"']);
  });

  it('cancels a preview the user does not want, and nothing is written', async () => {
    const { client } = testEngine();
    window.location.hash = '#/imports';
    render(<App client={client} />);
    fireEvent.change(await screen.findByLabelText('Choose files…'), { target: { files: [fixtureFile('claude-code-session.jsonl')] } });
    const preview = await screen.findByTestId('import-preview', {}, { timeout: 10_000 });
    fireEvent.click(within(preview).getByRole('button', { name: 'Cancel' }));
    expect((await screen.findByRole('status', {}, { timeout: 10_000 })).textContent).toBe('Import cancelled; nothing was written.');
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect((await client.call('imports.list', {})).length).toBe(0);
  });

  it('previews the paths File > Import… chose, shows progress while reading a large file, and cancels it', async () => {
    const { client, events } = testEngine();
    // 60,000 OpenRouter rows (about 14 MB): long enough to see progress and press Cancel.
    const [header, row] = readFileSync(join(FIXTURES, 'exports', 'openrouter-activity.csv'), 'utf8').split('\n');
    const big = join(tempDir(), 'big-activity.csv');
    const rows: string[] = [header!];
    for (let i = 0; i < 60_000; i++) rows.push(row!.replace('gen-1756714443-U8JZpDE0iGXlD6gNCFba', `gen-big-${i}`));
    writeFileSync(big, rows.join('\n') + '\n');

    window.location.hash = '#/imports';
    render(<App client={client} />);
    await screen.findByTestId('import-drop-zone');
    act(() => useApp.getState().setPendingImport([big]));
    const progress = await screen.findByTestId('import-progress');
    await waitFor(() => expect(within(progress).getByText(/rows\/s/)).toBeTruthy(), { timeout: 10_000 });
    expect(within(progress).getByRole('progressbar', { name: 'Bytes read of ' + big })).toBeTruthy();
    expect(useApp.getState().pendingImport).toBeNull();
    fireEvent.click(within(progress).getByRole('button', { name: 'Cancel import' }));
    expect((await screen.findByRole('status', {}, { timeout: 10_000 })).textContent).toBe('Import cancelled; nothing was written.');
    expect(events.some((e) => e.event === 'import.progress')).toBe(true);
    expect((await client.call('report.totals', {})).factCount).toBe(0);
    expect((await client.call('imports.list', {})).length).toBe(0);
  });
});
