/**
 * The Electron host, kept thin: lifecycle, one hardened window, IPC -> the engine's dispatch,
 * events pushed to the window, the application menu and native file dialogs.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, shell, session, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '../../shared/contract/client';
import { CHOOSE_CHANNEL, CSP, EVENT_CHANNEL, GRANT_CHANNEL, INVOKE_CHANNEL } from '../../shared/contract/transport';
import { createEngine, DB_FILE_NAME, type Engine } from '../engine';
import { resolveLocale } from '../../shared/i18n/index';
import { createChooseHandler, type DialogRequest } from './file-dialogs';
import { appUrlCheck, createGrantHandler, createInvokeHandler } from './ipc';
import { createPathGrants } from './path-grants';
import { alertNotifications } from './notifier';
import { electronNotifier } from './electron-notifier';
import { startDesktopTeamSync, type DesktopTeamSync } from './team-sync';

let mainWindow: BrowserWindow | null = null;
let engine: Engine | null = null;
let teamSync: DesktopTeamSync | null = null;
/** Native notifications for budget alerts; a click shows the window on that budget. */
const notifyAlerts = alertNotifications(electronNotifier, {
  send: (event, payload) => mainWindow?.webContents.send(EVENT_CHANNEL, event, payload),
  focus: () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.show();
    mainWindow?.focus();
  },
  locale: async () => {
    const settings = engine ? await createClient({ invoke: (m, i) => engine!.dispatch(m, i) }).call('settings.get', {}) : null;
    return resolveLocale(settings?.locale, app.getPreferredSystemLanguages());
  },
});

function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;
}

/** Files the user handed the window this session (drops, choices, the import dialog). */
const grants = createPathGrants();
const isAppUrl = appUrlCheck(join(__dirname, '../renderer'), { devUrl: process.env.ELECTRON_RENDERER_URL });

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Token Ledger',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  const contents = mainWindow.webContents;
  // No navigation away from the app, no new windows; https links open in the system browser.
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void mainWindow.loadURL(rendererUrl());
}

async function importWithDialog(): Promise<void> {
  if (!mainWindow) return;
  const result = await dialog.showOpenDialog(mainWindow, {
    title: 'Import exports',
    properties: ['openFile', 'openDirectory', 'multiSelections'],
    filters: [{ name: 'Exports', extensions: ['csv', 'json', 'jsonl', 'txt', 'tsv'] }, { name: 'All files', extensions: ['*'] }],
  });
  if (!result.canceled && result.filePaths.length > 0) {
    grants.grant(result.filePaths);
    mainWindow.webContents.send(EVENT_CHANNEL, 'ui.import', { paths: result.filePaths });
  }
}

/** The native save or open dialog the window asked for, over the app's window; null when cancelled. */
async function showDialog(request: DialogRequest): Promise<string | null> {
  if (!mainWindow) return null;
  if (request.kind === 'save') {
    const r = await dialog.showSaveDialog(mainWindow, request.options);
    return r.canceled || !r.filePath ? null : r.filePath;
  }
  const r = await dialog.showOpenDialog(mainWindow, request.options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import...', accelerator: 'CmdOrCtrl+O', click: () => void importWithDialog() },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
    });
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    try {
      engine = createEngine({
        dbPath: join(app.getPath('userData'), DB_FILE_NAME),
        onEvent: (event, payload) => {
          mainWindow?.webContents.send(EVENT_CHANNEL, event, payload);
          if (event === 'alerts.changed') void notifyAlerts(payload as Parameters<typeof notifyAlerts>[0]);
          if (event === 'ui.reveal') shell.showItemInFolder((payload as { path: string }).path);
          void teamSync?.onEvent(event);
        },
      });
    } catch (err) {
      dialog.showErrorBox('Token Ledger cannot open its database', (err as Error).message);
      app.quit();
      return;
    }
    const e = engine;
    ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler(e.dispatch, isAppUrl, grants));
    ipcMain.on(GRANT_CHANNEL, createGrantHandler(grants, isAppUrl));
    const client = createClient({ invoke: (m, i) => e.dispatch(m, i) });
    const where = async () => {
      const info = await client.call('app.info', {});
      return { ledgerPath: info.dbPath, today: info.today };
    };
    ipcMain.handle(CHOOSE_CHANNEL, createChooseHandler({ grants, isTrustedUrl: isAppUrl, show: showDialog, where }));
    buildMenu();
    createWindow();
    // Budget alerts once at start: time passing alone can cross a forecast (imports made by the CLI
    // meanwhile were evaluated by the CLI).
    // Then the first screen's answer, worked out while the window loads (its first call takes it); after the
    // evaluation, whose writes (a budget's cached days, an alert) would leave it stale.
    void e.dispatch('budgets.evaluate', {}).then(() => e.answerFirstScreen());
    // "Keep agent logs up to date", if the user chose it: the watcher runs here, in the main process.
    void client.call('agents.watchStatus', {}).then((s) => (s.keep ? client.call('agents.watch', { on: true }) : null));
    // The shared team folder, when one is set in Settings > Team (re-read at every run).
    teamSync = startDesktopTeamSync(e.dispatch, { env: process.env, log: (m) => console.error(m) });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    teamSync?.schedule.stop();
    engine?.close();
  });
}
