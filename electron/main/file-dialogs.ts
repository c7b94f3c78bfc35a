/**
 * The window's requests for a native file dialog (the backup's "save as", the restore's "open", the team
 * folder's "choose folder"), kept
 * free of the `electron` import: the host passes the function that shows the dialog. The path the user
 * picks is granted for that use only (see path-grants.ts), so the window never types a path and cannot
 * name one the user did not pick.
 */
import { dirname, join } from 'node:path';
import { CHOOSE_KINDS, type ChooseKind } from '../../shared/contract/transport';
import type { InvokeEventLike } from './ipc';
import type { PathGrants } from './path-grants';

/** A ledger file: what a backup is written as, and what a restore reads (a safety copy is a `.bak`). */
const LEDGER_FILTERS = [{ name: 'Token Ledger backup', extensions: ['sqlite', 'db', 'bak'] }];

/** What the host's dialog function is asked to show: Electron's save or open dialog options. */
export type DialogRequest =
  | { kind: 'save'; options: { title: string; defaultPath: string; filters: typeof LEDGER_FILTERS; buttonLabel: string } }
  | { kind: 'open'; options: { title: string; defaultPath: string; filters: typeof LEDGER_FILTERS; properties: ['openFile']; buttonLabel: string } }
  | { kind: 'open'; options: { title: string; defaultPath: string; properties: ['openDirectory', 'createDirectory']; buttonLabel: string } };

/** Shows the dialog; answers the picked path, or null when the user cancelled. */
export type ShowDialog = (request: DialogRequest) => Promise<string | null>;

/** `ledgerPath`: the ledger file (backups go beside it by default); `today`: the engine's day. */
export function dialogRequest(kind: ChooseKind, ledgerPath: string, today: string): DialogRequest {
  const folder = dirname(ledgerPath);
  if (kind === 'team-folder') {
    return { kind: 'open', options: { title: 'Choose the shared team folder', defaultPath: folder, properties: ['openDirectory', 'createDirectory'], buttonLabel: 'Use this folder' } };
  }
  if (kind === 'backup-save') {
    return { kind: 'save', options: { title: 'Back up the ledger', defaultPath: join(folder, `tokenledger-backup-${today}.sqlite`), filters: LEDGER_FILTERS, buttonLabel: 'Back up' } };
  }
  return { kind: 'open', options: { title: 'Restore the ledger from a backup', defaultPath: folder, filters: LEDGER_FILTERS, properties: ['openFile'], buttonLabel: 'Choose' } };
}

export function isChooseKind(kind: unknown): kind is ChooseKind {
  return typeof kind === 'string' && (CHOOSE_KINDS as readonly string[]).includes(kind);
}

/**
 * The main process's answer to the window's `choose(kind)`: shows the dialog (only for the app's own
 * window and a known kind), grants the picked path (a save target for writing, an opened file for
 * reading) and answers it; null when the user cancelled or the request was refused.
 */
export function createChooseHandler(deps: {
  grants: PathGrants;
  isTrustedUrl: (url: string) => boolean;
  show: ShowDialog;
  /** The ledger file and the engine's day, read when the dialog opens. */
  where: () => Promise<{ ledgerPath: string; today: string }>;
}) {
  return async (event: InvokeEventLike, kind: unknown): Promise<string | null> => {
    if (!deps.isTrustedUrl(event.senderFrame?.url ?? '') || !isChooseKind(kind)) return null;
    const { ledgerPath, today } = await deps.where();
    const path = await deps.show(dialogRequest(kind, ledgerPath, today));
    if (path === null || path === '') return null;
    deps.grants.grant([path], { write: kind === 'backup-save' });
    return path;
  };
}
