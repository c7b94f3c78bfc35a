/**
 * The window takes "now" from the engine (app.info.now, the engine's clock), never from its own: at two
 * engine instants far from the wall clock, Explore's "This month", the default date of a new exchange
 * rate and the backup file's name follow the engine.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';

const INSTANTS = [
  { at: '2025-09-20T12:00:00.000Z', monthStart: '2025-09-01', day: '2025-09-20', stamp: '2025-09-20-12-00-00' },
  { at: '2024-02-29T23:30:00.000Z', monthStart: '2024-02-01', day: '2024-02-29', stamp: '2024-02-29-23-30-00' },
];

describe.each(INSTANTS)('the window at the engine instant $at', ({ at, monthStart, day, stamp }) => {
  const engineAt = () => testEngine({ now: () => Date.parse(at) });

  it('Explore "This month" runs from the first of the engine month to its day', async () => {
    const { client } = engineAt();
    expect((await client.call('app.info', {})).now).toBe(at);
    window.location.hash = '#/explore?preset=this-month&by=vendor';
    render(<App client={client} />);
    const period = await screen.findByLabelText('Period', {}, { timeout: 20_000 });
    // Custom keeps the preset's range: its fields show it.
    fireEvent.change(period, { target: { value: 'custom' } });
    await waitFor(() => expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe(monthStart));
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe(day);
  });

  it('a new exchange rate defaults to the engine day', async () => {
    const { client } = engineAt();
    window.location.hash = '#/prices';
    render(<App client={client} />);
    const date = (await screen.findByLabelText('Effective date', {}, { timeout: 20_000 })) as HTMLInputElement;
    await waitFor(() => expect(date.value).toBe(day));
  });

  it('the backup file is named after the engine instant', async () => {
    const { client } = engineAt();
    // The desktop window (backup names a file only there): its preload bridge is present; the calls still
    // go through the client App is given.
    window.tokenLedger = {
      invoke: () => Promise.reject(new Error('not used: App calls its client')),
      on: () => () => undefined,
      pathForFile: () => '',
    };
    try {
      window.location.hash = '#/settings';
      render(<App client={client} />);
      const path = (await screen.findByLabelText('Back up to the file', {}, { timeout: 20_000 })) as HTMLInputElement;
      expect(path.value.endsWith(`/tokenledger-backup-${stamp}.sqlite`)).toBe(true);
    } finally {
      delete window.tokenLedger;
    }
  });
});
