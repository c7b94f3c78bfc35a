/**
 * THE api: every method the engine answers, by `noun.verb` name, with one JSON input object.
 * Hosts (Electron IPC, HTTP, CLI) and clients (renderer, tests) derive their types from this.
 *
 * To add a method: one entry in its area's file under ./api/ (schema + output type + summary; a new
 * area is one more spread line below), one handler in electron/engine/service/ (the
 * `satisfies ApiHandlers` in handlers.ts fails to compile until you do), and a test through dispatch.
 */
import type { z } from 'zod';
import { appApi } from './api/app';
import { importsApi } from './api/imports';
import { reportApi } from './api/report';
import { pricesApi } from './api/prices';
import { budgetsApi } from './api/budgets';
import { tipsApi } from './api/tips';
import { mappingApi } from './api/mapping';

export const api = {
  ...appApi,
  ...importsApi,
  ...reportApi,
  ...pricesApi,
  ...budgetsApi,
  ...tipsApi,
  ...mappingApi,
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

export { isoDay } from './schemas';
export { settingsSchema } from './api/app';
