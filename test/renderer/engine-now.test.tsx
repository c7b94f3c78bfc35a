/**
 * The window takes "now" from the engine (app.info.now, the engine's clock), never from its own: at two
 * engine instants far from the wall clock, Explore's "This month" and the default date of a new
 * exchange rate follow the engine (the desktop backup's name: test/contract/ipc-file-dialogs.test.ts).
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';

const INSTANTS = [
  { at: '2025-09-20T12:00:00.000Z', monthStart: '2025-09-01', day: '2025-09-20' },
  { at: '2024-02-29T23:30:00.000Z', monthStart: '2024-02-01', day: '2024-02-29' },
];

describe.each(INSTANTS)('the window at the engine instant $at', ({ at, monthStart, day }) => {
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
});
