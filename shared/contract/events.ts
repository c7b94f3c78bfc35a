import type { Said } from '../i18n/said';

export type LedgerChangeReason = 'import' | 'undo' | 'demo' | 'restore' | 'prices' | 'vendors' | 'fx' | 'budgets' | 'settings' | 'names' | 'plans' | 'team' | 'close';

/** Push events from the engine to whoever hosts it (the window over IPC; the CLI prints progress). */
export interface ApiEvents {
  /** A running import: rows and bytes so far, speed. */
  'import.progress': {
    importId: string;
    file: string;
    rows: number;
    bytes: number;
    totalBytes: number;
    rowsPerSecond: number;
  };
  /**
   * The ledger changed (a method that changes it finished): views reload. The reason says what changed:
   * the facts (import, undo, demo, restore), their estimates (prices), their regions (vendors), FX rates,
   * budgets, or settings (settings, dismissed tips).
   */
  'ledger.changed': { reason: LedgerChangeReason };
  /**
   * Budget alerts were raised or cleared. A fired alert's `title` and `body` are English; `titleSaid` and
   * `bodySaid` are the same as message ids, for a host to say in the user's locale.
   */
  'alerts.changed': { active: number; fired?: { alertId: number; budgetId: number; title: string; body: string; titleSaid: Said; bodySaid: Said }[] };
  /** The desktop menu's File > Import... chose files: the window opens the import preview for them. */
  'ui.import': { paths: string[] };
  /** The desktop host asks the window to show a place (a clicked notification opens its budget): a hash route. */
  'ui.navigate': { hash: string };
  /** The engine asks the desktop host to show a file in the system's file manager (`ledger.reveal`). */
  'ui.reveal': { path: string };
}
export type ApiEventName = keyof ApiEvents;
export const API_EVENT_NAMES = ['import.progress', 'ledger.changed', 'alerts.changed', 'ui.import', 'ui.navigate', 'ui.reveal'] as const satisfies readonly ApiEventName[];
export type Emit = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;
