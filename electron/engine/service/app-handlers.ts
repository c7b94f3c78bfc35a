/**
 * The app's own handlers (info, settings, demo). Handlers receive input already validated
 * by dispatch().
 */
import type { ApiHandlers } from '../../../shared/contract/client';
import { countFacts } from '../db/repos/totals';
import { readSettings, writeSettings } from '../db/repos/settings';
import { get } from '../db/connection';
import { sql } from '../db/sql';
import type { EngineContext } from './context';
import { loadDemo } from './demo';

export const appHandlers = {
  'app.info': (_input, ctx) => ({
    version: ctx.appVersion,
    schemaVersion: ctx.schemaVersion,
    dbPath: ctx.dbPath,
    factCount: countFacts(ctx.db),
    batchCount: get<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM import_batches WHERE status = 'committed'`)!.n,
  }),

  'settings.get': (_input, ctx) => readSettings(ctx.db),
  'settings.update': (input, ctx) => {
    writeSettings(ctx.db, input);
    ctx.emit('ledger.changed', { reason: 'settings' });
    return readSettings(ctx.db);
  },

  'demo.load': (_input, ctx) => loadDemo(ctx),

  // 'report.totals' is answered in report-handlers.ts.
} satisfies Partial<ApiHandlers<EngineContext>>;
