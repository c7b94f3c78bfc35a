/**
 * What `tokenledger statusline` reads on stdin: Claude Code's status-line JSON. Shared by the command and
 * the status line's quick entry (statusline.ts), so both read it alike and fail alike.
 */
import { CliError } from './cli-error';

/** Claude Code's status-line JSON: the fields read (session_id, model.display_name); the rest is ignored. */
export function statusInput(text: string): { sessionId?: string; model?: string } {
  if (text.trim() === '') return {};
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new CliError('errors.statusline.badInput', { detail: (e as Error).message });
  }
  const o = (typeof j === 'object' && j !== null ? j : {}) as { session_id?: unknown; model?: { display_name?: unknown; id?: unknown } };
  const model = typeof o.model?.display_name === 'string' ? o.model.display_name : typeof o.model?.id === 'string' ? o.model.id : undefined;
  return { ...(typeof o.session_id === 'string' && o.session_id ? { sessionId: o.session_id } : {}), ...(model ? { model } : {}) };
}

