/**
 * The Overview's first request, sent by the page before the app loaded (renderer/public/early-overview.js,
 * renderer/src/client/early.ts): when its answer is already in as the window first draws, that first frame
 * shows the figures (no "Loading" in between, no second request), the very figures the engine answers; an
 * answer that is not this call's, not in yet or an error is left to the usual request, and it is used once.
 */
import { join } from 'node:path';
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/contract/client';
import type { ApiResult } from '../../shared/contract/errors';
import { App } from '../../renderer/src/app/app';
import { takeArrivedEarly } from '../../renderer/src/client/early';
import { useApp } from '../../renderer/src/client/store';
import { testEngine } from '../helpers/engine';

const SAMPLES = ['claude-code-session.jsonl', 'openrouter-activity.csv'].map((f) => join(import.meta.dirname, '..', 'fixtures', 'exports', f));

/** The engine's client, counting the Overview's requests that reach it. */
function counting(client: ApiClient): { client: ApiClient; overviews: () => number } {
  let n = 0;
  return {
    client: {
      ...client,
      call: ((method: string, input: unknown) => {
        if (method === 'report.overview') n++;
        return client.call(method as never, input as never);
      }) as ApiClient['call'],
    },
    overviews: () => n,
  };
}

function early(result: ApiResult<unknown> | undefined, input = '{"quick":true}') {
  window.__tokenLedgerEarly = {
    method: 'report.overview',
    input,
    answer: result ? Promise.resolve(result) : new Promise(() => {}),
    ...(result ? { result } : {}),
  };
}

afterEach(() => {
  delete window.__tokenLedgerEarly;
  useApp.setState({ client: null, revision: 0 });
});

describe('the Overview with the answer the page asked for before the app loaded', () => {
  it('draws the figures in its first frame, the engine answer, without asking again; once', async () => {
    const { client: engine } = testEngine();
    await engine.call('imports.commit', { paths: SAMPLES });
    const value = await engine.call('report.overview', { quick: true });
    // What the window shows when it asks the usual way.
    const { client: plain } = counting(engine);
    const usual = render(<App client={plain} />);
    const shown = (await screen.findByTestId('spend-display')).textContent;
    const regions = screen.getByTestId('regions').textContent;
    usual.unmount();
    useApp.setState({ client: null });

    early({ ok: true, value });
    const { client, overviews } = counting(engine);
    render(<App client={client} />);
    // Straight after the first render, before any request could have been answered.
    expect(screen.getByTestId('spend-display').textContent).toBe(shown);
    expect(screen.getByTestId('regions').textContent).toBe(regions);
    expect(window.__tokenLedgerEarly).toBeUndefined();
    expect(overviews()).toBe(0);

    // Back on the Overview later: asked again (the early answer is the first screen's only).
    await act(async () => {
      window.location.hash = '#/explore';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await act(async () => {
      window.location.hash = '#/overview';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(overviews()).toBe(1));
    expect((await screen.findByTestId('spend-display')).textContent).toBe(shown);
  });

  it('leaves an answer not yet in, of another call, or an error to the usual request', async () => {
    const value = { ledgerFacts: 1 };
    early(undefined);
    expect(takeArrivedEarly('report.overview', { quick: true })).toBeUndefined();
    expect(window.__tokenLedgerEarly).toBeDefined();
    early({ ok: true, value }, '{"quick":true,"month":"2025-09"}');
    expect(takeArrivedEarly('report.overview', { quick: true })).toBeUndefined();
    early({ ok: true, value });
    expect(takeArrivedEarly('report.overviewRest', { quick: true })).toBeUndefined();
    early({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
    expect(takeArrivedEarly('report.overview', { quick: true })).toBeUndefined();
    expect(window.__tokenLedgerEarly).toBeDefined();
    early({ ok: true, value });
    expect(takeArrivedEarly('report.overview', { quick: true })).toEqual({ value });
    expect(takeArrivedEarly('report.overview', { quick: true })).toBeUndefined();
  });
});
