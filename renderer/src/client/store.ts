/**
 * App-wide state (zustand): the API client, the current route, settings, a ledger revision that bumps
 * whenever the engine says the ledger changed (so screens reload), and what the engine's events carry
 * for the screens (app/events.ts is the one place that subscribes to them).
 */
import { create } from 'zustand';
import type { ApiClient } from '../../../shared/contract/client';
import type { ApiEvents } from '../../../shared/contract/events';
import type { AppInfo, Settings } from '../../../shared/contract/types';
import type { Route } from './route';

export interface AppState {
  client: ApiClient | null;
  route: Route;
  settings: Settings | null;
  info: AppInfo | null;
  /** Bumped on every 'ledger.changed' event: screens that read the ledger depend on it. */
  revision: number;
  /** Paths chosen by File > Import... waiting for the Imports screen. */
  pendingImport: string[] | null;
  /** Unread budget alerts for the nav badge; null until known. */
  unreadAlerts: number | null;
  /** Bumped on every 'alerts.changed' event: the alert list reloads. */
  alertsRevision: number;
  /** The latest 'import.progress' event (of whichever import is running). */
  importProgress: ApiEvents['import.progress'] | null;
  setClient(client: ApiClient): void;
  setRoute(route: Route): void;
  setSettings(settings: Settings): void;
  setInfo(info: AppInfo): void;
  bump(): void;
  setPendingImport(paths: string[] | null): void;
  setUnreadAlerts(count: number | null): void;
  alertsChanged(active: number): void;
  setImportProgress(progress: ApiEvents['import.progress'] | null): void;
}

export const useApp = create<AppState>((set) => ({
  client: null,
  route: { screen: 'overview', params: new URLSearchParams() },
  settings: null,
  info: null,
  revision: 0,
  pendingImport: null,
  unreadAlerts: null,
  alertsRevision: 0,
  importProgress: null,
  setClient: (client) => set({ client }),
  setRoute: (route) => set({ route }),
  setSettings: (settings) => set({ settings }),
  setInfo: (info) => set({ info }),
  bump: () => set((s) => ({ revision: s.revision + 1 })),
  setPendingImport: (pendingImport) => set({ pendingImport }),
  setUnreadAlerts: (unreadAlerts) => set({ unreadAlerts }),
  alertsChanged: (active) => set((s) => ({ unreadAlerts: active, alertsRevision: s.alertsRevision + 1 })),
  setImportProgress: (importProgress) => set({ importProgress }),
}));
