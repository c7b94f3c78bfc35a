/**
 * The Agents screen through the real contract on a real engine, over a Claude Code log written for the
 * suite's instant (2025-10-20T15:00Z). Figures from Claude Sonnet 4's list price ($3 per million input
 * tokens, $15 per million output): the active block 13:00-18:00 holds $1.50 (13:30) and $0.45 (14:30).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { writeClaudeCodeLog } from '../helpers/budget-samples';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const SONNET = 'claude-sonnet-4-20250514';

describe('the Agents screen', () => {
  it('shows the block in progress with its burn rate and projection, the blocks newest first, and the sessions', async () => {
    const { client } = testEngine();
    const log = writeClaudeCodeLog(tempDir(), 'session.jsonl', [
      { id: 'y', at: '2025-10-19T10:00:00.000Z', model: SONNET, input: 100_000, output: 0 },
      { id: 'a', at: '2025-10-20T08:10:00.000Z', model: SONNET, input: 100_000, output: 20_000 },
      { id: 'b', at: '2025-10-20T13:30:00.000Z', model: SONNET, input: 0, output: 100_000 },
      { id: 'c', at: '2025-10-20T14:30:00.000Z', model: SONNET, input: 150_000, output: 0 },
    ]);
    await client.call('imports.commit', { paths: [log] });
    window.location.hash = '#/agents';
    render(<App client={client} />);
    const active = await screen.findByTestId('active-block', {}, { timeout: 20_000 });
    await waitFor(() => expect(within(active).getByTestId('active-block-spend').textContent).toBe('$1.95'));
    expect(active.textContent).toContain('13:00 UTC to 18:00 UTC; 2 calls, 250,000 tokens');
    // 250,000 tokens and $1.95 over the hour 13:30-14:30; three more hours at that rate until 18:00.
    expect(within(active).getByTestId('burn').textContent).toBe(
      'Burn rate4,167 tokens/min, $1.95 per hourProjected by the block’s end1,000,000 tokens, $7.80Time left3h 0m',
    );
    const rows = within(screen.getByTestId('blocks-table')).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['2025-10-20 13:00 (active)', '14:30', '2', '250,000', '$1.95', ''],
      ['2025-10-20 08:00', '08:10', '1', '120,000', '$0.60', ''],
      ['2025-10-19 10:00', '10:00', '1', '100,000', '$0.30', ''],
    ]);
    const sessions = within(screen.getByTestId('sessions-table')).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(sessions).toEqual([['session-budget-test', 'claude-code', SONNET, '2025-10-20 14:30', '470,000', '4', '$2.85', '']]);
  });

  it('says so when the ledger holds no agent usage', async () => {
    const { client } = testEngine();
    window.location.hash = '#/agents';
    render(<App client={client} />);
    expect(await screen.findByText(/No coding-agent usage in the ledger yet/, {}, { timeout: 20_000 })).toBeTruthy();
  });
});
