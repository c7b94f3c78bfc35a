/**
 * Tables that grow with the ledger draw only the rows in sight, and stay tables: Reconcile's day-by-model
 * lines on the demo (hundreds of them) through the real contract on a real engine.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';

describe('windowed tables', () => {
  it("Reconcile's day-by-model table draws a window of its rows, counts them all, and scrolls to the rest", async () => {
    const { client } = testEngine();
    await client.call('demo.load', {});
    const report = await client.call('reconcile.report', {});
    expect(report.details.length).toBeGreaterThan(200);
    window.location.hash = '#/reconcile';
    render(<App client={client} />);
    const table = await screen.findByTestId('reconcile-details', {}, { timeout: 20_000 });
    expect(table.tagName).toBe('TABLE');
    expect(table.getAttribute('aria-rowcount')).toBe(String(report.details.length + 1));
    const drawn = () => [...table.querySelectorAll('tbody tr[aria-rowindex]')];
    await waitFor(() => expect(drawn().length).toBeGreaterThan(5));
    expect(drawn().length).toBeLessThan(60);
    // The first lines, in the engine's order, each row knowing its place in the whole table.
    expect(drawn()[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(drawn()[0]!.querySelector('th')!.textContent).toBe(report.details[0]!.provider);
    expect(drawn()[0]!.querySelectorAll('td')[0]!.textContent).toBe(report.details[0]!.period);
    // Scrolled to the end, the last line is drawn and the first is not.
    const box = table.parentElement!;
    box.scrollTop = 1_000_000;
    fireEvent.scroll(box);
    const last = report.details.at(-1)!;
    await waitFor(() => expect(drawn().at(-1)!.getAttribute('aria-rowindex')).toBe(String(report.details.length + 1)));
    expect(drawn().at(-1)!.querySelectorAll('td')[1]!.textContent).toBe(last.model);
    expect(drawn().some((r) => r.getAttribute('aria-rowindex') === '2')).toBe(false);
  });
});
