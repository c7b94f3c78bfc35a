import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../shared/contract/client';
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
 */
export function useApiData<T>(load: (client: ApiClient) => Promise<T>, deps: readonly unknown[]): Loadable<T> {
  const client = useApp((s) => s.client);
  const revision = useApp((s) => s.revision);
  const key = JSON.stringify([revision, ...deps]);
  const [settled, setSettled] = useState<Settled<T>>({ key: '' });
  const [lastValue, setLastValue] = useState<{ value?: T }>({});
  useEffect(() => {
    if (!client) return;
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
