/**
 * `serve` keeps its port and access token across restarts (a bookmark keeps working): the first start
 * takes a free port, the next one the same port and token; --new-token rotates the token (the old one is
 * refused); --open hands the URL to the browser ($TOKENLEDGER_BROWSER stands in for the system's).
 * Real `tokenledger serve` processes on a real ledger.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../shared/contract/transport';
import { tempDir } from '../helpers/tmp';

const ROOT = join(import.meta.dirname, '../..');

interface Started {
  port: number;
  token: string;
  url: string;
  stop(): Promise<void>;
}

function serve(db: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tokenledger.mjs'), 'serve', '--db', db, '--json', '--static', tempDir(), ...extra], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((ok, fail) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').slice(0, -1).find((l) => l.startsWith('{'));
      if (!line) return;
      const info = JSON.parse(line) as { port: number; token: string; url: string };
      ok({
        ...info,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${err}`)));
  });
}

async function status(s: Started, token: string): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${s.port}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token }, body: '{}' });
  return r.status;
}

describe('serve keeps its port and token', () => {
  it('reuses them on the next start, rotates the token with --new-token, and opens the browser with --open', async () => {
    const dir = tempDir();
    const db = join(dir, 'ledger.sqlite');
    const first = await serve(db);
    const firstToken = first.token;
    expect(first.port).toBeGreaterThan(0);
    await first.stop();
    const state = join(dir, 'ledger.sqlite.serve.json');
    expect(JSON.parse(readFileSync(state, 'utf8'))).toEqual({ port: first.port, token: first.token });
    expect(statSync(state).mode & 0o777).toBe(0o600);

    const second = await serve(db);
    expect([second.port, second.token, second.url]).toEqual([first.port, first.token, first.url]);
    await second.stop();

    const opened = join(dir, 'opened.txt');
    const browser = join(dir, 'browser.sh');
    writeFileSync(browser, `#!/bin/sh\necho "$1" > "${opened}"\n`);
    chmodSync(browser, 0o755);
    const third = await serve(db, ['--new-token', '--open'], { TOKENLEDGER_BROWSER: browser });
    expect(third.port).toBe(first.port);
    expect(third.token).not.toBe(firstToken);
    expect(await status(third, third.token)).toBe(200);
    expect(await status(third, firstToken)).toBe(401);
    for (let i = 0; i < 100 && !existsSync(opened); i++) await new Promise((ok) => setTimeout(ok, 50));
    expect(readFileSync(opened, 'utf8').trim()).toBe(third.url);
    await third.stop();
  }, 120_000);
});
