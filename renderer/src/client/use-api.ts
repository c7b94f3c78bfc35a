import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/contract/client';
import { takeArrivedEarly } from './early';
import { useApp } from './store';

export type Loadable<T> = { state: 'loading'; value?: T } | { state: 'ready'; value: T } | { state: 'error'; error: Error; value?: T };

interface Settled<T> {
  key: string;
  value?: T;
  error?: Error;
}

/**
 * Load data from the engine and reload it whenever the ledger changes (or `deps` change).
 * The previous value stays visible while reloading, so figures do not flicker.
 *
 * `early`: the call `load` makes, when it may be the one the page sent before the app loaded
 * (client/early.ts): if that answer is already in, the first render shows it rather than a loading state.
 */
export function useApiData<T>(load: (client: ApiClient) => Promise<T>, deps: readonly unknown[], early?: { method: string; input: unknown }): Loadable<T> {
  const client = useApp((s) => s.client);
  const revision = useApp((s) => s.revision);
  const key = JSON.stringify([revision, ...deps]);
  const [arrived] = useState(() => {
    const got = early ? takeArrivedEarly(early.method, early.input) : undefined;
    return got ? { key, value: got.value as T } : null;
  });
  const [settled, setSettled] = useState<Settled<T>>(arrived ?? { key: '' });
  const [lastValue, setLastValue] = useState<{ value?: T }>(arrived ? { value: arrived.value } : {});
  // The key the early answer settled: not loaded again until the key changes.
  const answered = useRef(arrived?.key);
  useEffect(() => {
    if (!client || answered.current === key) return;
    answered.current = undefined;
    let live = true;
    load(client).then(
      (value) => {
        if (!live) return;
        setSettled({ key, value });
        setLastValue({ value });
      },
      (error: unknown) => live && setSettled({ key, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` carries what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);
  const previous = lastValue.value !== undefined ? { value: lastValue.value } : {};
  if (settled.key !== key) return { state: 'loading', ...previous };
  if (settled.error) return { state: 'error', error: settled.error, ...previous };
  return { state: 'ready', value: settled.value as T };
}
