/**
 * What the engine says, on zh-CN screens: tips, the reconcile verdict and reasons, budget alerts, the FX
 * note and engine errors come as message ids with values and are shown in Chinese, with the engine's own
 * figures (a real engine on the generated demo, the window through the real contract).
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { ApiError } from '../../shared/contract/errors';
import { testEngine } from '../helpers/engine';

const CJK = /[\u4e00-\u9fff]/;

async function demoInChinese() {
  const { client } = testEngine();
  await client.call('demo.load', {});
  await client.call('settings.update', { locale: 'zh-CN' });
  return client;
}

describe('engine words on zh-CN screens', () => {
  it('tips: the rule, the title and the summary in Chinese, with the tip’s figures', async () => {
    const client = await demoInChinese();
    const report = await client.call('tips.list', {});
    const caching = report.tips.find((t) => t.rule === 'caching' && !t.dismissed)!;
    expect(caching).toBeTruthy();
    window.location.hash = '#/tips';
    render(<App client={client} />);
    const card = await screen.findByTestId((_, el) => el?.getAttribute('data-tip-id') === caching.id, {}, { timeout: 30_000 });
    expect(within(card).getByText('提示词缓存')).toBeTruthy();
    const title = within(card).getByRole('heading', { level: 3 }).textContent!;
    expect(title.startsWith(`缓存 ${caching.said.title.values!.model as string} 的重复提示词（`)).toBe(true);
    expect(title).toMatch(/（(密钥 .+|项目 .+|无密钥或项目)）$/);
    // The summary names the uncached input tokens, grouped as the locale groups them.
    const input = caching.said.summary.values!.input as number;
    const summary = card.querySelector('p.muted')!.textContent!;
    expect(summary).toContain(`${input.toLocaleString('zh-CN')} 个未缓存的输入 token`);
    expect(summary).not.toMatch(/uncached|tokens and/);
    // The evidence's formula in Chinese, with the engine's figures; not the English line --json keeps.
    fireEvent.click(within(card).getByRole('button', { name: '查看依据' }));
    const formula = caching.said.formulas[0]!;
    const v = formula.values as Record<string, string>;
    const first = card.querySelector('.arithmetic li')!.textContent!;
    expect(first.startsWith(`提示词 token ${v.prompt}；目标缓存读取占比 50% -> 最多 ${v.moved} 个 token 从输入（${v.inputPrice}/M）转为缓存读取（${v.readPrice}/M）`)).toBe(true);
    expect(card.textContent).not.toContain(caching.evidence.arithmetic[0]);
    // The evidence tables' keys in Chinese: the usage behind the tip and the prices used.
    const usage = card.querySelector('.aggregates li')!.textContent!;
    const cell = caching.evidence.aggregates[0]!;
    const label = cell.said!.values as { provider: string; model: string; route: string };
    expect(usage.startsWith(`${label.provider} ${label.model}，经 ${label.route}，`)).toBe(true);
    expect(usage).not.toContain(cell.label);
    expect(usage).toContain(`输入 ${cell.values.input}`);
    expect(usage).toContain(`缓存读取 ${cell.values.cache_read}`);
    expect(usage).toContain(`请求数 ${cell.values.requests}`);
    expect(card.querySelector('table')!.textContent).toContain(`输入 ${caching.evidence.prices[0]!.prices.input}`);
    expect(card.textContent).not.toMatch(/cache_read|cache_write/);
  }, 90_000);

  it('reconcile: the verdict and the sign in Chinese, with the number of bills', async () => {
    const client = await demoInChinese();
    const months = (await client.call('reconcile.report', {})).months;
    const r = await client.call('reconcile.report', { month: months[0] });
    window.location.hash = '#/reconcile';
    render(<App client={client} />);
    const verdict = await screen.findByTestId('reconcile-verdict', {}, { timeout: 30_000 });
    await waitFor(() => expect(verdict.textContent).toContain('差额 = 估算 - 账单：账单高于价目表时为负，低于时为正。'));
    const all = await client.call('reconcile.report', {});
    expect(verdict.textContent).toContain(`${all.verdict.bills} 份账单中有 ${all.verdict.within} 份与估算相差在 1% 以内`);
    // Every reason shown is Chinese (none of the English reason texts).
    const reasons = r.lines.flatMap((l) => l.explanations);
    expect(reasons.length).toBeGreaterThan(0);
    for (const e of all.lines.flatMap((l) => l.explanations)) expect(document.body.textContent).not.toContain(e.text);
  }, 90_000);

  it('the FX note and budget alerts in Chinese', async () => {
    const client = await demoInChinese();
    const alerts = (await client.call('alerts.list', {})).alerts;
    expect(alerts.length).toBeGreaterThan(0);
    window.location.hash = '#/';
    render(<App client={client} />);
    const note = await screen.findByTestId('fx-note', {}, { timeout: 30_000 });
    expect(note.textContent).toMatch(/^按每日汇率换算；\d{4}年\d{1,2}月平均 1 USD = [\d.]+ CNY/);
    expect(note.textContent!.endsWith('。')).toBe(true);
    window.location.hash = '#/budgets';
    const a = alerts[0]!;
    const shown = a.kind === 'projected' ? '预计将超过' : '已达到';
    await waitFor(() => expect(document.body.textContent).toContain(`${a.budgetName}：${shown}`), { timeout: 30_000 });
    expect(document.body.textContent).not.toContain(a.message);
  }, 90_000);

  it('an engine error reads in Chinese where the window shows it', async () => {
    const client = await demoInChinese();
    window.location.hash = '#/';
    render(<App client={client} />);
    await screen.findByTestId('fx-note', {}, { timeout: 30_000 });
    const err = await client.call('budgets.get', { id: 9999 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('没有 id 为 9999 的预算。');
    expect(CJK.test((err as ApiError).message)).toBe(true);
  }, 90_000);
  it('a price history row names its tiers in Chinese: batch with its multiplier, priority, long context', async () => {
    const client = await demoInChinese();
    const gpt5 = await client.call('prices.show', { model: 'gpt-5' });
    const direct = gpt5.history.find((e) => e.route === 'direct' && e.tiers.length > 0)!;
    expect(direct.tiers).toEqual(['batch x0.5', 'priority', 'flex']);
    window.location.hash = '#/prices?model=gpt-5';
    render(<App client={client} />);
    const table = await screen.findByTestId('price-history', {}, { timeout: 30_000 });
    const titles = [...table.querySelectorAll('tbody tr')].map((r) => r.getAttribute('title')!);
    expect(titles).toContain(`${direct.source}（核对于 ${direct.checkedOn}）；等级：批处理 x0.5；优先；弹性`);
    expect(titles.join()).not.toMatch(/batch|priority|flex/);
    // A long-context band: the threshold grouped as the locale groups it.
    const sonnet = await client.call('prices.show', { model: 'claude-sonnet-4-5' });
    const banded = sonnet.history.find((e) => e.tiers.some((x) => x.startsWith('long context')))!;
    expect(banded.tiers).toContain('long context >200,000');
    window.location.hash = '#/prices?model=claude-sonnet-4-5';
    await waitFor(() => expect(screen.getByTestId('price-history').querySelector('tbody tr')!.getAttribute('title')).toContain('长上下文 >200,000'), { timeout: 30_000 });
  }, 90_000);
});
