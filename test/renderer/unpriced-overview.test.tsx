/**
 * The window's Overview and Reconcile show one unpriced banner with the same count, from the engine's one
 * function: usage the book cannot price, with how much of it has its own cost (which stands as its spend),
 * each model's missing tier linking to the Prices form.
 */
import { join } from 'node:path';
import { cleanup, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { testEngine } from '../helpers/engine';
import { EXPORTS, nanoPriorityExport } from '../helpers/unpriced';

async function bannerOn(client: ReturnType<typeof testEngine>['client'], hash: string): Promise<HTMLElement> {
  cleanup();
  window.location.hash = hash;
  render(<App client={client} />);
  return screen.findByTestId('unpriced-banner');
}

describe('the unpriced banner in the window', () => {
  it('counts the same tokens on the Overview as on Reconcile, and says how many have a cost of their own', async () => {
    const { client } = testEngine();
    await client.call('imports.commit', { paths: [nanoPriorityExport(), join(EXPORTS, 'openrouter-activity.csv')] });
    await client.call('settings.update', { timeZone: 'UTC' });
    // 128,331 tokens of gpt-5-nano's priority row (no price, no cost) and 69,200 of OpenRouter's qwen3-coder row
    // served by Alibaba (no price; its bill stands as its spend).
    const head = '197,531 tokens on 2 models have no price (69,200 of them on rows that state their own cost, which stands as their spend)';
    const overview = await bannerOn(client, '#/overview');
    expect(overview.textContent).toContain(head);
    expect(overview.querySelector('[data-tier="priority"] a')?.getAttribute('href')).toContain('tier=priority');
    const reconcile = await bannerOn(client, '#/reconcile');
    expect(reconcile.textContent).toContain(head);
    expect(reconcile.textContent).toBe(overview.textContent);
  });

  it('names the missing tier in Chinese on a zh-CN window', async () => {
    const { client } = testEngine();
    await client.call('imports.commit', { paths: [nanoPriorityExport()] });
    await client.call('settings.update', { timeZone: 'UTC', locale: 'zh-CN' });
    const overview = await bannerOn(client, '#/overview');
    expect(overview.querySelector('[data-tier="priority"] a')?.textContent).toBe('添加优先价格');
  });
});
