/**
 * THE api: every method the engine answers, by `noun.verb` name, with one JSON input object.
 * Hosts (Electron IPC, HTTP, CLI) and clients (renderer, tests) derive their types from this.
 *
 * To add a method: one entry in its noun's file under ./api/ (schema + output type + summary; a new
 * noun is one more spread line below), one handler in its feature's handlers.ts under electron/engine/
 * (the type of NOUNS in electron/engine/handlers.ts fails to compile until you do), and a test
 * through dispatch.
 */
import type { z } from 'zod';
import { agentsApi } from './api/agents';
import { alertsApi } from './api/alerts';
import { appApi } from './api/app';
import { budgetsApi } from './api/budgets';
import { closeApi } from './api/close';
import { demoApi } from './api/demo';
import { exportApi } from './api/export';
import { fxApi } from './api/fx';
import { importsApi } from './api/imports';
import { ledgerApi } from './api/ledger';
import { mappingsApi } from './api/mappings';
import { namesApi } from './api/names';
import { plansApi } from './api/plans';
import { pricesApi } from './api/prices';
import { reconcileApi } from './api/reconcile';
import { reportApi } from './api/report';
import { reviewApi } from './api/review';
import { settingsApi } from './api/settings';
import { teamApi } from './api/team';
import { tipsApi } from './api/tips';
import { vendorsApi } from './api/vendors';

export const api = {
  ...appApi,
  ...settingsApi,
  ...demoApi,
  ...importsApi,
  ...agentsApi,
  ...mappingsApi,
  ...reportApi,
  ...ledgerApi,
  ...pricesApi,
  ...fxApi,
  ...vendorsApi,
  ...reconcileApi,
  ...budgetsApi,
  ...alertsApi,
  ...tipsApi,
  ...namesApi,
  ...teamApi,
  ...plansApi,
  ...exportApi,
  ...reviewApi,
  ...closeApi,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export const METHOD_NAMES = Object.keys(api) as MethodName[];

export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Api[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}
