/**
 * What dispatch asks of a handler before calling it, apart from hooks.ts (which loads the budgets'
 * alerts for its hook), so a read never loads them.
 */

/** Whether a registered handler may write (declared with `mutates` or `writes`, hooks.ts): the others are read-only. */
export function isWriter(handler: unknown): boolean {
  return typeof handler === 'function' && ('mutates' in handler || 'writes' in handler);
}
