/**
 * How hosts carry the contract: the HTTP host's access-token header, the Electron IPC channel names
 * (main process and preload must agree), and the Content-Security-Policy every host serves the window
 * with. One definition each; the renderer's index.html repeats the policy in a meta tag (checked equal
 * by test/contract/transport.test.ts).
 */

/** Header carrying the access token `tokenledger serve` prints (or `?token=` in the URL). */
export const TOKEN_HEADER = 'x-token-ledger-token';

/** IPC channel of contract calls: (method, input) -> ApiResult. */
export const INVOKE_CHANNEL = 'api:invoke';
/** IPC channel (synchronous) by which the preload grants the path of a File the user dropped or chose. */
export const GRANT_CHANNEL = 'api:grant-path';
/**
 * IPC channel by which the window asks the main process for a native file dialog: (kind) -> the path the
 * user picked (granted to the window for that use) or null when they cancelled.
 */
export const CHOOSE_CHANNEL = 'api:choose-file';
/** The files the window may ask the user for: where to save a backup, which backup to restore, the team's shared folder. */
export const CHOOSE_KINDS = ['backup-save', 'backup-open', 'team-folder'] as const;
export type ChooseKind = (typeof CHOOSE_KINDS)[number];
/** IPC channel of engine events pushed to the window: (event, payload). */
export const EVENT_CHANNEL = 'api:event';

/** The window's Content-Security-Policy: its own scripts and styles only, no remote content, no framing. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * Inputs that name a file or folder on the machine running the engine, per method. The desktop app
 * and the CLI act for the user who owns those files; the browser host refuses any call carrying one
 * before dispatch (it accepts uploaded contents only), so a page holding its token reads and writes
 * nothing on disk but the ledger. Checked complete against the contract by test/contract/hosts.test.ts.
 */
export const SERVER_PATH_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'imports.preview': ['paths'],
  'imports.commit': ['paths'],
  'mappings.suggest': ['path'],
  'mappings.preview': ['path'],
  'prices.loadSource': ['path'],
  'fx.importCsv': ['path'],
  'ledger.backup': ['path'],
  'ledger.restore': ['path'],
  'bundle.export': ['path'],
  'bundle.import': ['paths'],
  'team.setFolder': ['path'],
  'export.focus': ['path'],
};

/**
 * Path inputs the browser host takes typed by the user: the team's shared folder (Settings > Team), where
 * this machine writes only its own bundle file and from which it reads bundles only. Every other input of
 * SERVER_PATH_INPUTS is refused over HTTP.
 */
export const HTTP_TYPED_PATH_METHODS: readonly string[] = ['team.setFolder'];

/** Largest request body the browser host reads (uploads travel base64-encoded inside it). */
export const MAX_HTTP_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The browser host's ledger-file routes (token and origin checked like API calls): GET `backup`
 * answers a backup of the ledger as a download; POST `restore` takes a backup file as its body
 * (application/octet-stream, `?name=` its file name) and restores the ledger from it.
 */
export const LEDGER_FILE_ROUTES = { backup: '/api/ledger/backup', restore: '/api/ledger/restore' } as const;

/** Largest backup the browser host takes for a restore: streamed to a temp file, never held in memory. */
export const MAX_HTTP_RESTORE_BYTES = 1024 * 1024 * 1024;

/**
 * The methods the window calls: the desktop preload exposes these, one function each, and the main
 * process answers no other over IPC (the CLI's scripting methods such as `budgets.check` are not the
 * window's). test/contract/hosts.test.ts checks it against every method the renderer's sources name.
 */
export const WINDOW_METHODS: readonly string[] = [
  'agents.blocks', 'agents.find', 'agents.import', 'agents.sessions', 'agents.watch', 'agents.watchStatus',
  'alerts.list', 'alerts.markRead', 'app.info', 'budgets.create', 'budgets.export', 'budgets.get',
  'budgets.import', 'budgets.list', 'close.accept', 'close.discard', 'close.list', 'close.month',
  'close.reopen',
  'budgets.preview', 'budgets.remove', 'budgets.update', 'demo.load', 'demo.remove', 'demo.status',
  'fx.importCsv', 'fx.list', 'fx.set', 'fx.unset', 'imports.cancel', 'imports.commit', 'imports.formats',
  'imports.list', 'imports.preview', 'imports.undo', 'ledger.backup', 'ledger.restore', 'ledger.reveal',
  'mappings.list', 'mappings.preview', 'mappings.remove', 'mappings.save', 'mappings.suggest',
  'names.remove', 'names.set', 'names.values', 'plans.list', 'plans.set', 'prices.list', 'prices.loadSource', 'prices.set',
  'prices.show', 'reconcile.report', 'report.explore', 'report.facts', 'report.overview', 'report.overviewRest', 'review.pack', 'settings.get',
  'settings.update', 'team.machines', 'team.setFolder', 'team.settings', 'team.sync', 'team.update', 'tips.dismiss',
  'tips.kpis', 'tips.list', 'vendors.list', 'vendors.setRegion',
];
