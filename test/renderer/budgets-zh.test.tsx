/**
 * The Budgets screen on a zh-CN window against a real engine: a field the contract refuses is said with a
 * Chinese reason in the editor's preview, and a webhook the engine refused to send to reads in Chinese in
 * the budget's delivery history (its English text stays in the answer for scripts).
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { webhooksSettled } from '../../electron/engine';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { writeLitellmCsv } from '../helpers/budget-samples';

describe('the Budgets screen in Chinese', () => {
  it('says a refused amount with a Chinese reason in the preview', async () => {
    const { client } = testEngine();
    await client.call('settings.update', { timeZone: 'UTC', locale: 'zh-CN' });
    window.location.hash = '#/budgets';
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: '新建预算' }, { timeout: 30_000 }));
    const preview = screen.getByTestId('budget-preview');
    fireEvent.change(screen.getByLabelText('名称'), { target: { value: '全部' } });
    fireEvent.change(screen.getByLabelText('数额'), { target: { value: '0' } });
    expect(await within(preview).findByText('budgets.preview 的输入无效：budget.amount.value：金额必须大于 0')).toBeTruthy();
  }, 60_000);

  it('shows why a webhook was refused, in Chinese, in the budget’s deliveries', async () => {
    const { client, engine } = testEngine();
    await client.call('settings.update', { timeZone: 'UTC', locale: 'zh-CN' });
    const b = await client.call('budgets.create', {
      budget: { name: 'Small', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '1', currency: 'USD' }, thresholds: [100], webhookUrl: 'http://127.0.0.1:9/hook' },
    });
    const at = new Date(engine.ctx.now() - 5_000).toISOString();
    await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'now.csv', [{ id: 'now-1', at, spend: '2' }])] });
    await webhooksSettled();
    const english = 'refused: 127.0.0.1 is a loopback, link-local or private address (allow private webhook targets in Settings to send there)';
    expect((await client.call('budgets.get', { id: b.id! })).deliveries.map((d) => d.error)).toEqual([english]);
    window.location.hash = `#/budgets?id=${b.id!}`;
    render(<App client={client} />);
    const deliveries = await screen.findByTestId('deliveries', {}, { timeout: 30_000 });
    expect(deliveries.textContent).toContain('：已拒绝：127.0.0.1 是回环、链路本地或私有地址（如需发送到那里，请在“设置”中允许私有 webhook 目标）');
    expect(deliveries.textContent).not.toContain(english);
  }, 60_000);
});
