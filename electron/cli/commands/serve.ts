import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient } from '../../../shared/contract/client';
import type { RunningServer } from '../../server';
import type { CliIo, Command } from '../command';
import { CliError } from '../errors';
import { builtRendererDir } from '../paths';

/**
 * The port and access token of the last `serve` of a ledger, kept beside it (<ledger>.serve.json, readable
 * by its owner only: the token opens the API) so a bookmark keeps working across restarts.
 */
interface ServeState {
  port: number;
  token: string;
}

const statePath = (dbPath: string) => `${dbPath}.serve.json`;

function readState(dbPath: string): ServeState | null {
  try {
    const s = JSON.parse(readFileSync(statePath(dbPath), 'utf8')) as Partial<ServeState>;
    return Number.isInteger(s.port) && typeof s.token === 'string' && /^[\w-]{16,}$/.test(s.token) ? { port: s.port!, token: s.token } : null;
  } catch {
    return null;
  }
}

function writeState(dbPath: string, state: ServeState, io: CliIo): void {
  try {
    writeFileSync(statePath(dbPath), JSON.stringify(state) + '\n', { mode: 0o600 });
    chmodSync(statePath(dbPath), 0o600);
  } catch (e) {
    // A read-only folder: serving still works, the next start picks a new port and token.
    io.err(`note: the port and token could not be kept in ${statePath(dbPath)}: ${(e as Error).message}`);
  }
}

/** The system's browser on `url` ($TOKENLEDGER_BROWSER when set: a program given the URL). */
function openBrowser(url: string, io: CliIo): void {
  const [cmd, args] = process.env.TOKENLEDGER_BROWSER
    ? [process.env.TOKENLEDGER_BROWSER, [url]]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => io.err(`note: no browser could be opened; open ${url} yourself`));
  child.unref();
}


export const serveCommand: Command = {
  usage: 'serve [--port N] [--new-token] [--open] [--db PATH] [--demo] [--watch-agents] [--team-folder DIR]',
  help: `  --port N    port to listen on (default: the last serve's of this ledger, else a random free port)
  --new-token a new access token (default: the last serve's, kept in <ledger>.serve.json, so a bookmarked
              URL keeps working)
  --open      open the dashboard in the system's browser
  --demo      load the demo data before serving (without --db: into the demo ledger, a file of
              its own beside your ledger, never your ledger)
  --watch-agents  keep the coding agents' logs imported as they are written (as the window's
              "Keep agent logs up to date"; tokenledger import --agents lists the folders)
  --team-folder DIR  sync through this shared folder (kept as the ledger's setting): write this
              machine's bundle there when it changes and merge the other machines' (at start, then
              every $TOKENLEDGER_TEAM_SYNC_MS ms, default 15000)
  --static D  folder of the built renderer (default: out/renderer; run \`npm run build\` first)`,
  options: { port: { type: 'string' }, 'new-token': { type: 'boolean', default: false }, open: { type: 'boolean', default: false }, demo: { type: 'boolean', default: false }, static: { type: 'string' }, 'watch-agents': { type: 'boolean', default: false }, 'team-folder': { type: 'string' } },
  usesDemoLedger: (values) => values.demo === true,
  async run({ values }, ctx) {
    // The web server is loaded only by this command.
    const [{ createEngine, scheduleTeamSync, teamSyncInterval }, { startServer }] = await Promise.all([import('../../engine'), import('../../server')]);
    let server: RunningServer | undefined;
    let teamSync: ReturnType<typeof scheduleTeamSync> | undefined;
    const engine = createEngine({
      dbPath: ctx.dbPath,
      onEvent: (event, payload) => {
        server?.broadcast(event, payload);
        // This machine's bundle in the team folder follows its ledger.
        if (event === 'ledger.changed') void teamSync?.syncNow();
      },
    });
    try {
      const dispatch = engine.dispatch;
      const client = createClient({ invoke: dispatch });
      // Budget alerts once at start, as the desktop app does: time passing alone can cross a forecast.
      // (A demo load evaluates them itself, after its import.)
      if (values.demo === true) await client.call('demo.load', {});
      else await client.call('budgets.evaluate', {});
      // As the desktop app: watching when asked here, or when the user chose "Keep agent logs up to date".
      if (values['watch-agents'] === true || (await client.call('agents.watchStatus', {})).keep) await client.call('agents.watch', { on: true });
      if (typeof values['team-folder'] === 'string') await client.call('team.setFolder', { path: resolve(values['team-folder']) });
      teamSync = scheduleTeamSync(client, { intervalMs: teamSyncInterval(process.env), onError: (m) => ctx.io.err(m) });
      await teamSync.first;
      const last = readState(ctx.dbPath);
      const port = typeof values.port === 'string' ? Number.parseInt(values.port, 10) : (last?.port ?? 0);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('errors.serve.badPort', { given: String(values.port) });
      const options = {
        dispatch,
        staticDir: typeof values.static === 'string' ? resolve(values.static) : builtRendererDir(),
        ...(last && values['new-token'] !== true ? { token: last.token } : {}),
      };
      try {
        server = await startServer({ ...options, port });
      } catch (e) {
        // The last port is taken now (another program): a new one, said; a port asked for fails as asked.
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || typeof values.port === 'string' || port === 0) throw e;
        ctx.io.err(`note: port ${port} is in use; serving on a new port`);
        server = await startServer({ ...options, port: 0 });
      }
      writeState(ctx.dbPath, { port: server.port, token: server.token }, ctx.io);
      if (ctx.json) ctx.io.out(JSON.stringify({ url: server.url, port: server.port, token: server.token, db: ctx.dbPath }));
      else {
        ctx.io.out(`Token Ledger is serving ${ctx.dbPath}`);
        ctx.io.out(`Open ${server.url}`);
        ctx.io.out('Press Ctrl+C to stop.');
      }
      if (values.open === true) openBrowser(server.url, ctx.io);
      // The window's first screen worked out while the browser starts and loads the page (its first call takes it).
      void engine.answerFirstScreen();
      const s = server;
      await new Promise<void>((done) => {
        const stop = () => void s.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    } finally {
      teamSync?.stop();
      engine.close();
    }
  },
};
