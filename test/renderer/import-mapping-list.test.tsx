/**
 * The saved column mappings on the Imports screen, in jsdom through the real contract on a real engine:
 * a profile saved and used once is listed with its columns, provider and batch count; Remove asks in place
 * (Escape backs out), then removes it, the facts stay, and a file with its header is refused again.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';

const HEADER = 'timestamp,model,prompt_tokens,cached_tokens,completion_tokens,cost_eur,team';
const SEPTEMBER = [HEADER, '2025-09-01 09:15:00,gpt-4o,1200,200,300,0.0125,search', '2025-09-01 10:02:30,gpt-4o-mini,800,0,150,0.0009,search'].join('\n');
const OCTOBER = [HEADER, '2025-10-01 12:00:00,gpt-4o,3000,1000,400,0.0188,search'].join('\n');

const upload = (name: string, text: string) => ({ name, contentBase64: btoa(text) });

describe('the saved column mappings', () => {
  it('stays hidden while no profile is saved', async () => {
    const { client } = testEngine();
    window.location.hash = '#/imports';
    render(<App client={client} />);
    await screen.findByRole('heading', { name: 'History' });
    await screen.findByText('No imports yet: the batches you commit are listed here, each with Undo.', {}, { timeout: 10_000 });
    expect(screen.queryByRole('heading', { name: 'Saved column mappings' })).toBeNull();
  });

  it('lists a saved profile with its batches, asks before removing it, and files with its header are refused again', async () => {
    const { client } = testEngine();
    const suggestion = await client.call('mappings.suggest', { file: upload('gateway-2025-09.csv', SEPTEMBER) });
    await client.call('mappings.save', {
      name: 'Internal gateway',
      header: suggestion.header,
      delimiter: suggestion.delimiter,
      roles: { ...suggestion.suggested, provider: 'internal-gateway' },
    });
    const committed = await client.call('imports.commit', { files: [upload('gateway-2025-09.csv', SEPTEMBER)] });
    expect(committed.counts.new).toBe(2);

    window.location.hash = '#/imports';
    render(<App client={client} />);
    const section = await screen.findByRole('region', { name: 'Saved column mappings' }, { timeout: 10_000 });
    const row = await waitFor(
      () => {
        const r = within(section).getByTestId('mapping-profile');
        expect(r.querySelector('[data-batches]')?.textContent).toBe('1');
        return r;
      },
      { timeout: 10_000 },
    );
    expect(within(row).getByRole('rowheader').textContent).toBe('Internal gateway');
    expect(row.querySelector('.mapping-columns')!.textContent).toBe('timestamp, model, prompt_tokens, cached_tokens and 3 more');
    expect(row.children[2]!.textContent).toBe('internal-gateway');

    // Remove asks in place; Escape backs out and gives the focus back to Remove.
    const remove = within(row).getByRole('button', { name: 'Remove the profile Internal gateway' });
    fireEvent.click(remove);
    let dialog = within(section).getByRole('alertdialog', { name: 'Remove the profile “Internal gateway”?' });
    expect(dialog.textContent).toContain('The 1 batch imported with it and their facts stay in the ledger');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Remove profile' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(within(section).queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(remove);
    expect(await client.call('mappings.list', {})).toHaveLength(1);

    fireEvent.click(remove);
    dialog = within(section).getByRole('alertdialog', { name: 'Remove the profile “Internal gateway”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove profile' }));
    expect((await within(section).findByTestId('mapping-list-notice', {}, { timeout: 10_000 })).textContent).toBe(
      'Profile “Internal gateway” removed. The facts it imported stay; files with its header are refused again.',
    );
    await waitFor(() => expect(within(section).queryByTestId('mapping-profile')).toBeNull(), { timeout: 10_000 });
    expect(await client.call('mappings.list', {})).toEqual([]);
    // The facts it imported stay: 1200-200 + 800 uncached input tokens.
    expect((await client.call('report.totals', {})).totals.tokens.input).toBe(1800);

    // The next file with that header is refused as unrecognized again.
    fireEvent.change(screen.getByLabelText('Choose files…'), { target: { files: [new File([OCTOBER], 'gateway-2025-10.csv', { type: 'text/csv' })] } });
    const refused = await screen.findByTestId('import-refused', {}, { timeout: 10_000 });
    expect(refused.textContent).toContain(
      'gateway-2025-10.csv: not a known export format. Closest: LiteLLM spend logs CSV (litellm-spend-csv), which needs request_id, spend, startTime',
    );
    expect(screen.getByRole('button', { name: 'Map its columns…' })).toBeTruthy();
  });
});
