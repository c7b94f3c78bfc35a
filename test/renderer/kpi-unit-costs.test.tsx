/**
 * The Tips screen's KPI tiles show unit costs with the digits that matter: a cost per request of
 * $0.0333 is not "$0.03" (a sixth less would read the same); from ten cents up, cents.
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { formatUnitMoney } from '../../renderer/src/ui/format';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { writeLitellmCsv } from '../helpers/budget-samples';

describe('unit costs', () => {
  it('are cents from ten cents up, three significant digits below', () => {
    expect(formatUnitMoney('0.031245', 'USD', 'en-US')).toBe('$0.0312');
    expect(formatUnitMoney('0.000004', 'USD', 'en-US')).toBe('$0.000004');
    expect(formatUnitMoney('3.214567', 'USD', 'en-US')).toBe('$3.21');
    expect(formatUnitMoney('123.456', 'USD', 'en-US')).toBe('$123.46');
    expect(formatUnitMoney('0.5', 'CNY', 'zh-CN')).toBe('¥0.50');
    expect(formatUnitMoney('0', 'USD', 'en-US')).toBe('$0.00');
    expect(formatUnitMoney('0.05', 'USD', 'en-US')).toBe('$0.05');
  });

  it('on the KPI tiles: cost per request and per million tokens of the month', async () => {
    const { client } = testEngine();
    await client.call('settings.update', { timeZone: 'UTC', locale: 'en' });
    // Three requests of 1,100 tokens for $0.10: $0.0333 a request, $30.30 per million tokens.
    const rows = ['0.03', '0.03', '0.04'].map((spend, i) => ({ id: `kpi-${i}`, at: `2025-10-0${i + 1}T10:00:00Z`, spend }));
    await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'october.csv', rows)] });
    window.location.hash = '#/tips';
    render(<App client={client} />);
    expect((await screen.findByTestId('kpi-cpr', {}, { timeout: 30_000 })).textContent).toBe('$0.0333');
    expect(screen.getByTestId('kpi-cpm').textContent).toBe('$30.30');
  }, 60_000);
});
