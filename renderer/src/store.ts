/**
 * App-wide state (zustand): the API client, the current route, settings and a ledger revision that
 * bumps whenever the engine says the ledger changed, so screens reload.
 */
import { create } from 'zustand';
import type { ApiClient } from '../../shared/contract/client';
import type { AppInfo, Settings } from '../../shared/contract/types';

export const SCREENS = ['overview', 'explore', 'reconcile', 'imports', 'budgets', 'tips', 'prices', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  screen: Screen;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const screen = (SCREENS as readonly string[]).includes(path) ? (path as Screen) : 'overview';
  return { screen, params: new URLSearchParams(query) };
}

export function routeHash(screen: Screen, params?: Record<string, string>): string {
  const q = params ? new URLSearchParams(params).toString() : '';
  return `#/${screen}${q ? `?${q}` : ''}`;
}

export interface AppState {
  client: ApiClient | null;
  route: Route;
  settings: Settings | null;
  info: AppInfo | null;
  /** Bumped on every 'ledger.changed' event: screens that read the ledger depend on it. */
  revision: number;
  /** Paths chosen by File > Import... waiting for the Imports screen. */
  pendingImport: string[] | null;
  setClient(client: ApiClient): void;
  setRoute(route: Route): void;
  setSettings(settings: Settings): void;
  setInfo(info: AppInfo): void;
  bump(): void;
  setPendingImport(paths: string[] | null): void;
}

export const useApp = create<AppState>((set) => ({
  client: null,
  route: { screen: 'overview', params: new URLSearchParams() },
  settings: null,
  info: null,
  revision: 0,
  pendingImport: null,
  setClient: (client) => set({ client }),
  setRoute: (route) => set({ route }),
  setSettings: (settings) => set({ settings }),
  setInfo: (info) => set({ info }),
  bump: () => set((s) => ({ revision: s.revision + 1 })),
  setPendingImport: (pendingImport) => set({ pendingImport }),
}));

export function navigate(screen: Screen, params?: Record<string, string>): void {
  window.location.hash = routeHash(screen, params);
}
