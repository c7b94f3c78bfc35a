/**
 * A contract validation error on a zh-CN window: the engine answers with the method, the field and the
 * reason as message ids, and the window (through the real contract client) reads it in Chinese.
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { ApiError } from '../../shared/contract/errors';
import { testEngine } from '../helpers/engine';

describe('an invalid input on a zh-CN window', () => {
  it('reads as the method, the field and a Chinese reason, with zod’s English kept in the answer', async () => {
    const { client } = testEngine();
    await client.call('settings.update', { locale: 'zh-CN' });
    window.location.hash = '#/budgets';
    render(<App client={client} />);
    expect((await screen.findAllByText('预算', {}, { timeout: 30_000 })).length).toBeGreaterThan(0);
    const err = await client.call('names.set', { dimension: 'project', value: 'wrkspc_1', name: '   ' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('VALIDATION');
    expect((err as ApiError).message).toBe('names.set 的输入无效：name：显示名称不能为空');
  }, 60_000);
});
