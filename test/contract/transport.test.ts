/**
 * One Content-Security-Policy for the window, whichever host serves it: the HTTP host sends
 * shared/contract/transport.ts's CSP (hosts.test.ts), the desktop host sets the same header, and the page
 * itself repeats it in a meta tag, which browsers read without `frame-ancestors` (ignored there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHOOSE_CHANNEL, CSP, EVENT_CHANNEL, GRANT_CHANNEL, INVOKE_CHANNEL } from '../../shared/contract/transport';

const ROOT = join(import.meta.dirname, '..', '..');
const directives = (policy: string) => policy.split(';').map((d) => d.trim()).filter(Boolean);

describe('the window transport', () => {
  it("the renderer's meta CSP is the hosts' CSP without frame-ancestors", () => {
    const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(directives(meta!)).toEqual(directives(CSP).filter((d) => !d.startsWith('frame-ancestors')));
  });

  it('the desktop host and its preload take the CSP and the channel names from the contract', () => {
    const main = readFileSync(join(ROOT, 'electron', 'main', 'index.ts'), 'utf8');
    const preload = readFileSync(join(ROOT, 'electron', 'preload', 'index.ts'), 'utf8');
    expect(main).toMatch(/import \{[^}]*\bCSP\b[^}]*\} from '..\/..\/shared\/contract\/transport'/);
    expect(preload).toMatch(/import \{ CHOOSE_CHANNEL, EVENT_CHANNEL, GRANT_CHANNEL, INVOKE_CHANNEL, WINDOW_METHODS, type ChooseKind \} from '..\/..\/shared\/contract\/transport'/);
    expect(main).toMatch(/import \{[^}]*\bCHOOSE_CHANNEL\b[^}]*\} from '..\/..\/shared\/contract\/transport'/);
    // No host spells a channel or a policy itself.
    for (const src of [main, preload, ...['ipc.ts', 'file-dialogs.ts'].map((f) => readFileSync(join(ROOT, 'electron', 'main', f), 'utf8'))]) {
      expect(src).not.toContain(`'${INVOKE_CHANNEL}'`);
      expect(src).not.toContain(`'${EVENT_CHANNEL}'`);
      expect(src).not.toContain(`'${GRANT_CHANNEL}'`);
      expect(src).not.toContain(`'${CHOOSE_CHANNEL}'`);
      expect(src).not.toContain("default-src 'self'");
    }
  });
});
