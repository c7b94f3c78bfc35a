/**
 * The only bridge between the sandboxed window and the main process: one function per method the
 * window calls (WINDOW_METHODS, reached through `invoke`), `on`, `pathForFile` (Electron 32+
 * removed File.path; webUtils only works here, in the preload) and `choose` (a native file dialog in
 * the main process), nothing else.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHOOSE_CHANNEL, EVENT_CHANNEL, GRANT_CHANNEL, INVOKE_CHANNEL, WINDOW_METHODS, type ChooseKind } from '../../shared/contract/transport';

const methods = new Map(WINDOW_METHODS.map((m) => [m, (input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, m, input)]));

contextBridge.exposeInMainWorld('tokenLedger', {
  invoke: (method: string, input: unknown): Promise<unknown> =>
    methods.get(method)?.(input) ?? Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `The window cannot call "${method}"` } }),
  on: (listener: (event: string, payload: unknown) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, event: string, payload: unknown) => listener(event, payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
  /**
   * The filesystem path of a dropped or chosen File ('' when it has none), granted to the window at
   * once: only a real File the user handed the page has a path, so only such a path is ever granted.
   */
  pathForFile: (file: Parameters<typeof webUtils.getPathForFile>[0]): string => {
    const path = webUtils.getPathForFile(file);
    if (path !== '') ipcRenderer.sendSync(GRANT_CHANNEL, path);
    return path;
  },
  /** The main process shows a save or open dialog; the picked path (granted for that use) or null. */
  choose: (kind: ChooseKind): Promise<string | null> => ipcRenderer.invoke(CHOOSE_CHANNEL, kind) as Promise<string | null>,
});
