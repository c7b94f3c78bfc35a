/** Handlers of the app, settings and ledger nouns (shared/contract/api/app.ts, settings.ts, ledger.ts). */
import { existsSync, statSync } from 'node:fs';
import type { ApiHandlers } from '../../../shared/contract/client';
import { localDay } from '../../../shared/domain/time';
import type { EngineContext } from '../context';
import { saidError } from '../said-error';
import { mutates } from '../hooks';
import { backupLedger, restoreLedger } from '../ledger/backup';
import { factCountFromDays } from '../ledger/ledger-days';
import { committedBatchCount, readSettings, writeSettings } from './store';

export const appHandlers = {
  'app.info': (_input, ctx) => ({
    version: ctx.appVersion,
    schemaVersion: ctx.schemaVersion,
    dbPath: ctx.dbPath,
    // From ledger_days: a few hundred rows instead of count(*) over every fact before the Overview paints.
    factCount: factCountFromDays(ctx.db),
    batchCount: committedBatchCount(ctx.db),
    now: new Date(ctx.now()).toISOString(),
    today: localDay(ctx.now(), readSettings(ctx.db).timeZone),
  }),

  'settings.get': (_input, ctx) => readSettings(ctx.db),
  'settings.update': mutates('settings', (input, ctx) => {
    writeSettings(ctx.db, input);
    return readSettings(ctx.db);
  }),

  'ledger.backup': (input, ctx) => backupLedger(ctx.db, input.path),
  'ledger.restore': mutates('restore', (input, ctx) => {
    if (!existsSync(input.path) || !statSync(input.path).isFile()) throw saidError('NOT_FOUND', 'engine.error.backup.noFile', { path: input.path });
    return restoreLedger(ctx.db, ctx.dbPath, input.path, ctx.now());
  }),
  // Only the ledger's own path is ever revealed: the host acts on the event, never on a path from the window.
  'ledger.reveal': (_input, ctx) => {
    ctx.emit('ui.reveal', { path: ctx.dbPath });
    return { path: ctx.dbPath };
  },
} satisfies Partial<ApiHandlers<EngineContext>>;
